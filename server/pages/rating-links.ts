// Where a QR code leads: the rating page for one 办件 (the QR on its receipt) or for a window (the page
// asks for the 办件 number printed on the receipt).
export type RatingPageTarget = { serviceRecordId: string } | { windowId: string };

export function ratingPageUrl(publicBaseUrl: string, target: RatingPageTarget): string {
  const query =
    'serviceRecordId' in target
      ? new URLSearchParams({ sr: target.serviceRecordId })
      : new URLSearchParams({ window: target.windowId });
  return `${publicBaseUrl.replace(/\/+$/, '')}/rate?${query.toString()}`;
}
