import { useEffect, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { errorMessage } from '../chat/ChatContext';
import { Icon } from '../components/common/Icon';
import { CopilotChat } from './CopilotChat';

export interface CopilotWidgetProps {
  api: ParleyApi;
  client: ParleyClient;
  base: string;
  theme: 'light' | 'dark';
  title?: string;
  buttonLabel: string;
  /** Lets the host page open and close the panel (`widget.open()`); the widget reports its own toggles back. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The copilot: a floating button that opens the chat in a panel over the host page. */
export function CopilotWidget({ api, client, base, theme, title, buttonLabel, open, onOpenChange }: CopilotWidgetProps) {
  const [config, setConfig] = useState<ParleyConfig | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Connects on the first open only, then stays mounted while closed so the conversation survives.
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);

  useEffect(() => {
    let cancelled = false;
    api.getConfig().then(
      (loaded) => {
        if (!cancelled) setConfig(loaded);
      },
      (error: unknown) => {
        if (!cancelled) setProblem(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <div className="parley-root copilot" data-theme={theme}>
      {opened && (
        <section className="copilot-panel" data-testid="copilot-panel" hidden={!open} aria-label={title ?? config?.appName ?? 'Chat'}>
          {config === null ? (
            <p className="splash" role={problem ? 'alert' : 'status'}>
              {problem ? `The chat could not load: ${problem}` : 'Loading…'}
            </p>
          ) : (
            <CopilotChat api={api} client={client} base={base} config={config} title={title ?? config.appName} onClose={() => onOpenChange(false)} />
          )}
        </section>
      )}
      <button
        type="button"
        className="copilot-button"
        data-testid="copilot-button"
        aria-label={open ? 'Close chat' : buttonLabel}
        aria-expanded={open}
        onClick={() => onOpenChange(!open)}
      >
        <Icon name={open ? 'close' : 'chat'} size={24} />
      </button>
    </div>
  );
}
