// Where a QR code leads: the rating page for one 办件 (the QR on its receipt, carrying its 评价码) or for a
// window (the page asks for the 办件 number and the 评价码 printed on the receipt).
export type RatingPageTarget = { serviceRecordId: string; ratingCode: string } | { windowId: string };

export function ratingPageUrl(publicBaseUrl: string, target: RatingPageTarget): string {
  const query =
    'serviceRecordId' in target
      ? new URLSearchParams({ sr: target.serviceRecordId, code: target.ratingCode })
      : new URLSearchParams({ window: target.windowId });
  return `${publicBaseUrl.replace(/\/+$/, '')}/rate?${query.toString()}`;
}
