import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkOrderBook, type WorkOrderFields } from '../../hotline-simulator/work-orders.ts';

const fields = (externalReference: string): WorkOrderFields => ({
  externalReference,
  category: '营商环境类',
  title: '差评处置',
  description: '窗口人员态度生硬',
  responsibleDepartment: '市市场监管局',
  raterRealName: null,
  raterPhone: null,
});

describe('the 12345 simulator’s work-order book', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'hcp-hotline-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const clock = () => new Date('2026-11-26T10:00:00+08:00');

  it('given a restart on the same day with its state file, then numbers go on and orders are kept', () => {
    const stateFile = path.join(folder, 'state', 'hotline-simulator.json');
    const before = createWorkOrderBook({ clock, stateFile });
    const first = before.open(fields('case-1')).order;
    before.update(first.number, (order) => {
      order.status = 'return-visited';
    });

    const after = createWorkOrderBook({ clock, stateFile });
    const second = after.open(fields('case-2')).order;
    assert.equal(first.number, '12345-20261126-0001');
    assert.equal(second.number, '12345-20261126-0002');
    assert.equal(after.find(first.number)?.status, 'return-visited');
    assert.deepEqual(after.open(fields('case-1')), { order: after.find(first.number), created: false });
  });

  it('given no state file, then a new book starts from 0001 (tests: memory only)', () => {
    createWorkOrderBook({ clock }).open(fields('case-1'));
    assert.equal(createWorkOrderBook({ clock }).open(fields('case-2')).order.number, '12345-20261126-0001');
  });

  it('given a state file that is not JSON, then the book refuses to start rather than reuse numbers', () => {
    const stateFile = path.join(folder, 'hotline-simulator.json');
    writeFileSync(stateFile, '{broken');
    assert.throws(() => createWorkOrderBook({ clock, stateFile }), /cannot be read/);
  });
});
