// Pure rules of issue 4: which bytes count as evidence, what a file is called, and which choices of
// departments a consultation (art. 20) accepts.
import assert from 'node:assert/strict';
import { cleanFileName, declaredTypeAgrees, detectContentType } from '../../domain/attachments/file-types.ts';
import { consultationDepartmentProblems, handlesCases } from '../../domain/case/consultation.ts';
import { isNotAdopted, mergeEvidence } from '../../domain/case/appeal.ts';
import { SAMPLE_PDF, SAMPLE_PNG, WINDOWS_PROGRAM } from '../support/evidence-files.ts';

describe('evidence files (issue 4)', () => {
  it('given the first bytes, then PDF, JPEG and PNG are recognised and anything else is not', () => {
    assert.equal(detectContentType(SAMPLE_PDF), 'application/pdf');
    assert.equal(detectContentType(SAMPLE_PNG), 'image/png');
    assert.equal(detectContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'image/jpeg');
    assert.equal(detectContentType(WINDOWS_PROGRAM), undefined);
    assert.equal(detectContentType(Buffer.from('%PD')), undefined, 'a truncated signature is not enough');
    assert.equal(detectContentType(Buffer.alloc(0)), undefined);
  });

  it('given a declared type, then only the detected type or a generic one agrees', () => {
    assert.ok(declaredTypeAgrees('application/pdf', 'application/pdf'));
    assert.ok(declaredTypeAgrees('application/octet-stream', 'image/png'));
    assert.ok(declaredTypeAgrees('IMAGE/JPEG; charset=binary', 'image/jpeg'));
    assert.ok(!declaredTypeAgrees('application/pdf', 'image/png'));
    assert.ok(!declaredTypeAgrees('application/x-msdownload', 'application/pdf'));
  });

  it('given names with paths, control characters or great length, then a safe name is kept', () => {
    assert.equal(cleanFileName('C:\\Users\\王芳\\营业执照.pdf'), '营业执照.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('a\u0000b\r\n.png'), 'ab.png');
    assert.equal(cleanFileName('   '), '附件');
    const long = cleanFileName(`${'证'.repeat(300)}.pdf`);
    assert.equal(long.length, 200);
    assert.ok(long.endsWith('.pdf'));
  });
});

describe('appeal decisions (issue 4, art. 19)', () => {
  it('given the three decisions, then only invalid and malicious are not adopted', () => {
    assert.deepEqual(['valid', 'invalid', 'malicious', 'more-evidence'].map(isNotAdopted), [
      false,
      true,
      true,
      false,
    ]);
  });

  it('given evidence of two rounds, then every file appears once, first round first', () => {
    assert.deepEqual(mergeEvidence(['a', 'b'], ['b', 'c']), ['a', 'b', 'c']);
  });
});

describe('choosing consultation departments (issue 4, art. 20)', () => {
  const known = new Set(['xa-approval', 'xa-market', 'xa-hrss', 'xa-housing', 'xa-tax', 'xa-12345']);
  const handling = new Set(['xa-market', 'xa-hrss', 'xa-housing']);
  const problems = (chosen: string[]) =>
    consultationDepartmentProblems({
      chosen,
      known,
      handling,
      approvalDepartmentId: 'xa-approval',
      responsibleDepartmentId: 'xa-market',
    }).map((problem) => problem.path);

  it('given the responsible unit and another department, then the choice is accepted', () => {
    assert.deepEqual(problems(['xa-market', 'xa-hrss']), []);
    assert.deepEqual(problems(['xa-hrss', 'xa-market', 'xa-housing']), []);
  });

  it('given too few, unknown, repeated, convening or missing departments, then each problem names its field', () => {
    assert.deepEqual(problems([]), ['departments', 'departments']);
    assert.deepEqual(problems(['xa-market']), ['departments']);
    assert.deepEqual(problems(['xa-market', 'xa-unknown']), ['departments.1', 'departments']);
    assert.deepEqual(problems(['xa-market', 'xa-hrss', 'xa-market']), ['departments.2']);
    assert.deepEqual(problems(['xa-market', 'xa-approval']), ['departments.1', 'departments']);
    assert.deepEqual(problems(['xa-hrss', 'xa-housing']), ['departments']);
    // 12345, or a bureau not connected to the system: nobody there could give the opinion.
    assert.deepEqual(problems(['xa-market', 'xa-hrss', 'xa-tax', 'xa-12345']), [
      'departments.2',
      'departments.3',
    ]);
  });

  it('given departments, then only connected handling units (a bureau or the platform builder) may be given a case', () => {
    assert.equal(handlesCases({ kind: 'bureau', accepts_cases: true }), true);
    assert.equal(handlesCases({ kind: 'data-bureau', accepts_cases: true }), true);
    assert.equal(handlesCases({ kind: 'bureau', accepts_cases: false }), false);
    for (const kind of ['approval', 'hotline', 'supervision']) {
      assert.equal(handlesCases({ kind, accepts_cases: true }), false, kind);
    }
  });
});
