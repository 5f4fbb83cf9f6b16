// A rater's contact masked in what outside systems answer (art. 24): the 12345 hotline's refusal, an SMS
// gateway's error — both reach logs, the engine's Cockpit or a supervisor's screen.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { maskMobileNumbers, maskPersonalDetails, redactContact } from '../../domain/evaluation/masking.ts';
import { createHotlineClient, HOTLINE_CATEGORY } from '../../infra/hotline/client.ts';

describe('contact redaction (issue 5, art. 24)', () => {
  it('given an error echoing the phone in any spelling and the name, then each is masked and other numbers stay', () => {
    const contact = { name: '王小明', phone: '13812345678' };
    for (const spelling of ['13812345678', '138-1234-5678', '+86 138 1234 5678', '8613812345678']) {
      assert.equal(
        redactContact(`invalid phone ${spelling} for 王小明, order 2026112700042`, contact),
        'invalid phone 138****5678 for 王**, order 2026112700042',
        spelling,
      );
    }
    assert.equal(redactContact('status 503', { phone: null, name: null }), 'status 503');
  });

  it('given a landline or a foreign number echoed with or without its country code, and a JSON-escaped name, then each is masked', () => {
    const cases: [string, string, string][] = [
      ['029-88881234', 'bad number +862988881234', 'bad number 029****1234'],
      ['029-88881234', 'bad number 2988881234', 'bad number 029****1234'],
      ['+85291234567', 'bad number 91234567', 'bad number 852****4567'],
      ['8888123', 'to: 8888123 refused', 'to: ****123 refused'],
    ];
    for (const [phone, text, masked] of cases) {
      assert.equal(redactContact(text, { phone }), masked, `${phone} in ${text}`);
    }
    const escaped = JSON.stringify({ name: '王小明' }).replace(
      /[\u0080-\uffff]/g,
      (character) => `\\u${character.charCodeAt(0).toString(16)}`,
    );
    assert.equal(redactContact(escaped, { name: '王小明' }), '{"name":"王**"}');
    const upperHex = escaped.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`);
    assert.notEqual(upperHex, escaped);
    assert.equal(redactContact(upperHex, { name: '王小明' }), '{"name":"王**"}');
  });

  it('given text naming no contact, then mainland mobile numbers in any spelling are masked and other numbers stay', () => {
    assert.equal(
      maskMobileNumbers('order 2026112700042 of 13812345678, +86 138-1234-5678, ref 9138123456789'),
      'order 2026112700042 of 138****5678, 138****5678, ref 9138123456789',
    );
  });

  it("given a rater's text with a callback number and an ID number typed in, then staff read both masked; 办件 numbers of region, date and sequence, dates and a run of eighteen without a real birth date stay", () => {
    assert.equal(
      maskPersonalDetails('请回电13812345678，身份证610103199001011238，另一个 11010520001231105x。'),
      '请回电138****5678，身份证610***********1238，另一个 110***********105x。',
    );
    const untouched =
      '办件号 2026112700042，受理编号 610100202311280001，2026-11-27 办结，编号 610103199013011234，流水 6101031990010112345';
    assert.equal(maskPersonalDetails(untouched), untouched);
  });

  it('given numbers typed with a Chinese input method, with 0086, or as landlines with their area code, then staff read them masked; service numbers and local numbers without an area code stay', () => {
    const masked: [string, string][] = [
      ['请回电１３８１２３４５６７８谢谢', '请回电138****5678谢谢'],
      ['手机 0086 138 1234 5678', '手机 138****5678'],
      ['手机１３８－１２３４－５６７８', '手机138****5678'],
      ['座机029-88881234', '座机029****1234'],
      ['座机（０２９）８８８８１２３４', '座机029****1234'],
      ['座机(0917) 234 5678', '座机091****5678'],
      ['座机 +86 29 8888 1234', '座机 029****1234'],
      ['座机 0086-29-88881234', '座机 029****1234'],
      ['身份证６１０１０３１９９００１０１１２３８。', '身份证610***********1238。'],
    ];
    for (const [text, expected] of masked) assert.equal(maskPersonalDetails(text), expected, text);
    const untouched =
      '热线 400-123-4567 和 95588 都打不通，本地号 88881234，2026-11-27 办结，办件号 2026112700042，' +
      '编号 991031199001011234，流水号 01123456789，0100 2026 1127';
    assert.equal(maskPersonalDetails(untouched), untouched);
  });

  it("given an e-mail comment (综合点评) whose text gives the writer's address, then staff read the mailbox masked and the provider; a web address stays", () => {
    assert.equal(
      maskPersonalDetails('回复请发 zhang.san@163.com 或 wang＠example.gov.cn，网址 www.xa.gov.cn 不变'),
      '回复请发 z***@163.com 或 w***＠example.gov.cn，网址 www.xa.gov.cn 不变',
    );
  });

  describe('the 12345 hotline client', () => {
    let server: Server;
    let root: string;

    before(async () => {
      // A hotline that refuses every order and echoes what it got, as validation errors often do.
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          response.writeHead(422, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'invalid order', received: JSON.parse(body) }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      root = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('given a refusal that echoes the order, then the error names the status with the contact masked', async () => {
      const client = createHotlineClient({ baseUrl: root, secret: 's'.repeat(32), timeoutMs: 2000 });
      await assert.rejects(
        client.createWorkOrder({
          caseId: '00000000-0000-4000-8000-000000000001',
          category: HOTLINE_CATEGORY,
          title: '差评',
          description: '窗口人员答复不耐烦',
          responsibleDepartment: '西安市市场监督管理局',
          raterRealName: '王小明',
          raterPhone: '13812345678',
        }),
        (error: Error) => {
          assert.match(error.message, /422/);
          assert.match(error.message, /138\*\*\*\*5678/);
          assert.match(error.message, /王\*\*/);
          assert.doesNotMatch(error.message, /13812345678|王小明/);
          return true;
        },
      );
    });

    it('given refusals whose excerpt ends inside the phone or the name, then no part of either shows', async () => {
      const client = createHotlineClient({ baseUrl: root, secret: 's'.repeat(32), timeoutMs: 2000 });
      for (let length = 60; length <= 110; length++) {
        await assert.rejects(
          client.createWorkOrder({
            caseId: '00000000-0000-4000-8000-000000000001',
            category: HOTLINE_CATEGORY,
            title: '差评',
            description: '窗'.repeat(length),
            responsibleDepartment: '西安市市场监督管理局',
            raterRealName: '王小明',
            raterPhone: '13812345678',
          }),
          (error: Error) => {
            assert.doesNotMatch(error.message, /13812|81234|23456|王小/, `${length}: ${error.message}`);
            return true;
          },
        );
      }
    });
  });
});
