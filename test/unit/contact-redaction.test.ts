// A rater's contact masked in what outside systems answer (art. 24): the 12345 hotline's refusal, an SMS
// gateway's error — both reach logs, the engine's Cockpit or a supervisor's screen.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { redactContact } from '../../domain/evaluation/masking.ts';
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
  });
});
