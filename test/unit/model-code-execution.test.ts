// Calls in a model's expressions (infra/models/code-execution.ts): which the modeler refuses and which pass.
import assert from 'node:assert/strict';
import { expressionCode, refusedCalls, refusedEngineReads } from '../../infra/models/code-execution.ts';

const callsIn = (text: string) => expressionCode(text).flatMap(refusedCalls);

describe('calls in model expressions (hcp/runs-code)', () => {
  it('given texts with and without expressions, then the code of each ${…} and #{…} comes back, literals blanked', () => {
    assert.deepEqual(expressionCode('核实差评'), []);
    assert.deepEqual(expressionCode("${a == 'x(y)'} und #{b}"), ['a ==  ', 'b']);
    assert.deepEqual(expressionCode("${a == 'it\\'s }'}"), ['a ==  ']);
  });

  it('given method and function calls, then each is refused by name; a JSON reader on a variable passes', () => {
    assert.deepEqual(callsIn('${consultationDepartments.elements()}'), []);
    assert.deepEqual(callsIn("${case.prop('level').stringValue() == 'x'}"), []);
    assert.deepEqual(callsIn('${execution.setVariable("a", 1)}'), ['setVariable(…)']);
    assert.deepEqual(callsIn('${ runtimeService . deleteProcessInstance (id, "") }'), [
      'deleteProcessInstance(…)',
    ]);
    assert.deepEqual(callsIn('${fn:exec("rm")}'), ['fn:exec(…)']);
    assert.deepEqual(callsIn('${elements()}'), ['elements(…)']);
    assert.deepEqual(callsIn("#{execution['setVariable']('a', 1)}"), ['[…](…)']);
  });

  it("given reads of the engine's own objects, then only execution.<key> passes: never a way to its services", () => {
    const readsIn = (text: string) => expressionCode(text).flatMap(refusedEngineReads);
    assert.deepEqual(readsIn('#{execution.processBusinessKey}'), []);
    assert.deepEqual(readsIn('${ execution . processInstanceId == x}'), []);
    assert.deepEqual(readsIn('${consultation.execution}'), [], 'a property of a variable named execution');
    assert.deepEqual(readsIn('${execution.processEngine.runtimeService}'), [
      'execution.processEngine.runtimeService',
    ]);
    assert.deepEqual(readsIn('${task.processEngineServices}'), ['task.processEngineServices']);
    assert.deepEqual(readsIn('${execution}'), ['execution']);
    assert.deepEqual(readsIn("${x == 'a' && execution['processEngine'] != null}"), ['execution[]']);
  });

  it('given parentheses that only group, after operators written as words or symbols, then nothing is refused', () => {
    assert.deepEqual(callsIn('${not (a) and (b or (c)) ? (d) : (e)}'), []);
    assert.deepEqual(callsIn('${(a + 1) * (b - 2) > 3 && empty (x)}'), []);
  });
});
