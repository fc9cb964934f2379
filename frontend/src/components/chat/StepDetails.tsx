import type { StepDto } from '../../protocol/dtos';
import { ElementList } from '../elements/ElementList';
import { Markdown } from './Markdown';
import { StepChildren } from './StepChildren';

/** A code fence longer than any backtick run in the code, so the output cannot close it early. */
function fenced(code: string, language: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

function duration(step: StepDto): string | null {
  if (!step.endedAt) return null;
  const ms = Date.parse(step.endedAt) - Date.parse(step.createdAt);
  return Number.isFinite(ms) && ms >= 0 ? `${(ms / 1000).toFixed(1)} s` : null;
}

/** A nested step (tool call, LLM call, retrieval…), collapsed by default. */
export function StepDetails({ step }: { step: StepDto }) {
  const status = step.streaming ? 'Running' : step.isError ? 'Failed' : (duration(step) ?? 'Done');
  return (
    <details
      className={`step${step.isError ? ' error' : ''}`}
      data-testid="step"
      data-step-id={step.id}
      data-type={step.type}
      data-streaming={step.streaming}
    >
      <summary>
        <span className={`step-status${step.streaming ? ' running' : ''}`} aria-hidden="true" />
        <span className="step-name">{step.name}</span>
        <span className="muted">{status}</span>
      </summary>
      <div className="step-body">
        {step.input ? (
          <section>
            <h4>Input</h4>
            <pre>{step.input}</pre>
          </section>
        ) : null}
        {step.output || step.streaming ? (
          <section>
            <h4>Output</h4>
            {step.language ? (
              <Markdown text={fenced(step.output, step.language)} streaming={step.streaming} />
            ) : (
              <Markdown text={step.output} streaming={step.streaming} />
            )}
          </section>
        ) : null}
        <ElementList stepId={step.id} />
        <StepChildren parentId={step.id} />
      </div>
    </details>
  );
}
