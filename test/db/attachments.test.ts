// Evidence uploads (issue 4) against a real, migrated PostgreSQL: PDF, JPEG and PNG by their bytes, at
// most 10 MB; every refusal has a stable id and a Chinese message and stores nothing. Decisions about
// ratings are append-only. (No engine: the case starter is not running here.)
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { recordNotAdopted } from '../../infra/stores/decision-store.ts';
import { startRatingApi } from '../support/rating-api.ts';
import type { RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import {
  SAMPLE_PDF,
  SAMPLE_PNG,
  WINDOWS_PROGRAM,
  oversizedPdf,
  uploadEvidence,
} from '../support/evidence-files.ts';
import { staff } from '../support/staff.ts';
import type { Db } from '../../infra/db.ts';

describe('evidence attachments and rating decisions (issue 4)', () => {
  let db: Db;
  let api: string;
  let world: RatingApi;

  before(async () => {
    world = await startRatingApi('hcp_test_db_attachments');
    ({ db, api } = world);
  });

  after(() => world.stop());

  async function openCase(): Promise<string> {
    const record = serviceRecordBody();
    assert.equal((await postJson(api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status, 201);
    const rated = await postRating(api, world.protector, badReviewBody(record.id));
    assert.equal(rated.status, 201);
    return rated.body.caseId as string;
  }

  const storedCount = async () => Number((await db('attachments').count({ n: '*' }))[0]!.n);

  it('given a PDF and a PNG, when the unit uploads them, then both are stored with their checked type and hash and listed without content', async () => {
    const caseId = await openCase();
    const pdf = await uploadEvidence(api, caseId, {
      content: SAMPLE_PDF,
      fileName: '窗口录像截图说明.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(pdf.status, 201, JSON.stringify(pdf.body));
    assert.equal(pdf.body.fileName, '窗口录像截图说明.pdf', 'a Chinese file name survives the upload');
    assert.equal(pdf.body.contentType, 'application/pdf');
    assert.equal(pdf.body.size, SAMPLE_PDF.length);
    assert.equal(pdf.body.sha256, createHash('sha256').update(SAMPLE_PDF).digest('hex'));
    assert.equal(pdf.body.uploadedBy, 'wang.fang');
    assert.equal(pdf.body.uploaderName, '王芳', 'shown by name');
    // A PNG declared as a generic binary is recognised by its bytes.
    const png = await uploadEvidence(api, caseId, {
      content: SAMPLE_PNG,
      fileName: 'photo.png',
      type: 'application/octet-stream',
      uploadedBy: 'wang.fang',
    });
    assert.equal(png.status, 201, JSON.stringify(png.body));
    assert.equal(png.body.contentType, 'image/png');

    const listed = await (await staff(api, 'wang.fang')).get(`/api/cases/${caseId}/attachments`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.attachments.map((attachment: any) => attachment.id),
      [pdf.body.id, png.body.id],
    );
    assert.ok(listed.body.attachments.every((attachment: any) => !('content' in attachment)));
    assert.deepEqual(
      listed.body.attachments.map((attachment: any) => attachment.uploaderName),
      ['王芳', '王芳'],
    );

    const row = await db('attachments').where({ id: pdf.body.id }).first();
    assert.equal(row.case_id, caseId);
    assert.ok(Buffer.from(row.content).equals(SAMPLE_PDF));

    const download = await fetch(`${api}/api/attachments/${pdf.body.id}`, {
      headers: (await staff(api, 'wang.fang')).headers,
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.match(download.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E7%AA%97/);
    assert.ok(Buffer.from(await download.arrayBuffer()).equals(SAMPLE_PDF));
  });

  it('given a Windows program renamed .pdf, when it is uploaded, then 415 attachment.type_not_allowed and nothing is stored', async () => {
    const caseId = await openCase();
    const before = await storedCount();
    const refused = await uploadEvidence(api, caseId, {
      content: WINDOWS_PROGRAM,
      fileName: '证据.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(refused.status, 415);
    assert.equal(refused.body.error.id, 'attachment.type_not_allowed');
    assert.match(refused.body.error.message, /PDF、JPEG、PNG/);
    assert.equal(refused.body.error.details.detectedType, null);
    assert.equal(await storedCount(), before);
  });

  it('given a PNG declared as a PDF, when it is uploaded, then the contradiction is refused', async () => {
    const caseId = await openCase();
    const refused = await uploadEvidence(api, caseId, {
      content: SAMPLE_PNG,
      fileName: 'scan.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(refused.status, 415);
    assert.equal(refused.body.error.details.detectedType, 'image/png');
  });

  it('given a file over 10 MB, when it is uploaded, then 413 attachment.too_large and nothing is stored', async () => {
    const caseId = await openCase();
    const before = await storedCount();
    const refused = await uploadEvidence(api, caseId, {
      content: oversizedPdf(),
      fileName: 'big.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(refused.status, 413);
    assert.equal(refused.body.error.id, 'attachment.too_large');
    assert.match(refused.body.error.message, /10 MB/);
    assert.equal(await storedCount(), before);
  });

  it('given an upload without a file, without an uploader, or for an unknown case, then a 4xx with a stable id and nothing is stored', async () => {
    const caseId = await openCase();
    const before = await storedCount();
    const noFile = await fetch(`${api}/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: (await staff(api, 'wang.fang')).headers,
      body: new FormData(),
    });
    assert.equal(noFile.status, 400);
    assert.equal(((await noFile.json()) as any).error.id, 'attachment.file_required');
    const wrongField = await uploadEvidence(api, caseId, {
      content: SAMPLE_PDF,
      fileName: 'a.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
      field: 'document',
    });
    assert.equal(wrongField.status, 400);
    assert.equal(wrongField.body.error.id, 'attachment.malformed_upload');
    const anonymous = await uploadEvidence(api, caseId, {
      content: SAMPLE_PDF,
      fileName: 'a.pdf',
      type: 'application/pdf',
    });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.id, 'auth.required');
    const unknownCase = await uploadEvidence(api, randomUUID(), {
      content: SAMPLE_PDF,
      fileName: 'a.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(unknownCase.status, 404);
    assert.equal(unknownCase.body.error.id, 'case.not_found');
    assert.equal(await storedCount(), before);
    const missing = await (await staff(api, 'wang.fang')).get(`/api/attachments/${randomUUID()}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.id, 'attachment.not_found');
  });

  it('given stored evidence, when someone updates or deletes it in the database, then PostgreSQL refuses', async () => {
    const caseId = await openCase();
    const uploaded = await uploadEvidence(api, caseId, {
      content: SAMPLE_PDF,
      fileName: 'a.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    await assert.rejects(
      db('attachments').where({ id: uploaded.body.id }).update({ file_name: 'b.pdf' }),
      /append-only/,
    );
    await assert.rejects(db('attachments').where({ id: uploaded.body.id }).delete(), /append-only/);
  });

  it('given a not-adopted decision, when it is recorded twice, then one row, the rating leaves the statistics unchanged, and UPDATE and DELETE are refused', async () => {
    const caseId = await openCase();
    const rating = await db('evaluations').where({ id: caseId }).first();
    const decision = {
      caseId,
      reason: 'malicious' as const,
      basis: '录像显示评价人未办理业务',
      decidedBy: 'xa-approval',
      decidedAt: new Date('2026-11-30T02:00:00Z'),
    };
    const first = await recordNotAdopted(db, decision);
    const second = await recordNotAdopted(db, { ...decision, reason: 'invalid', basis: '重复' });
    assert.equal(second!.id, first!.id);
    assert.equal(second!.reason, 'malicious', 'a repeated call keeps the first decision');
    assert.equal((await db('evaluation_decisions').where({ case_id: caseId })).length, 1);
    assert.equal(first!.evaluation_id, caseId);

    assert.deepEqual(
      await db('evaluations').where({ id: caseId }).first(),
      rating,
      'the rating is untouched',
    );
    assert.equal((await db('counted_evaluations').where({ id: caseId })).length, 0);
    const other = await openCase();
    assert.equal((await db('counted_evaluations').where({ id: other })).length, 1);

    await assert.rejects(
      db('evaluation_decisions').where({ case_id: caseId }).update({ reason: 'invalid' }),
      /append-only/,
    );
    await assert.rejects(db('evaluation_decisions').where({ case_id: caseId }).delete(), /append-only/);
    await assert.rejects(
      db('evaluation_decisions').insert({
        evaluation_id: other,
        case_id: other,
        decision: 'adopted',
        reason: 'invalid',
        basis: 'x',
        decided_at: new Date(),
      }),
      /evaluation_decisions_decision_check/,
    );
  });
});
