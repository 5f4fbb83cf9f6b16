// The command line's options and flags (cli/arguments.ts), as every `hcp` command reads them.
import assert from 'node:assert/strict';
import { UsageProblem, parseOptions } from '../../cli/arguments.ts';

describe('hcp command-line options (cli/arguments.ts)', () => {
  it('given options with a value, beside or after "=", and a flag, then each lands in its place, trimmed', () => {
    const parsed = parseOptions(['a.json', '--by', ' 王五 ', '--check', 'b.json'], ['by'], {}, ['check']);
    assert.deepEqual(parsed.positional, ['a.json', 'b.json']);
    assert.deepEqual(parsed.named, { by: '王五' });
    assert.deepEqual([...parsed.flags], ['check']);
    assert.deepEqual(parseOptions(['--by=李四'], ['by']).named, { by: '李四' });
  });

  it('given a flag with a value, an unknown option, a missing or empty value, then a UsageProblem in Chinese', () => {
    const problem = (args: string[]) => {
      try {
        parseOptions(args, ['by'], { by: '姓名' }, ['check']);
      } catch (error: unknown) {
        assert.ok(error instanceof UsageProblem);
        return error.message;
      }
      assert.fail(`accepted ${args.join(' ')}`);
    };
    assert.equal(problem(['--check=yes']), '--check 不带值');
    assert.equal(problem(['--force']), '未知的选项「--force」');
    assert.equal(problem(['--by']), '--by 后面缺少姓名');
    assert.equal(problem(['--by', '--check']), '--by 后面缺少姓名');
    assert.equal(problem(['--by=  ']), '--by 的姓名不能为空');
  });
});
