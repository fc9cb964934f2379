import { useEffect, useState } from 'react';
import type { ParleyApi } from '../protocol/api';
import type { ParleyClient } from '../protocol/client';
import type { ParleyConfig } from '../protocol/config';
import { errorMessage } from '../chat/ChatContext';
import { Icon } from '../components/common/Icon';
import type { CustomElementRegistry } from '../components/elements/customElements';
import type { ChatStore } from '../state/chatStore';
import { CopilotChat } from './CopilotChat';
import type { ThreadMemory } from './threadMemory';

export type CopilotMode = 'floating' | 'sidebar';

export interface CopilotWidgetProps {
  api: ParleyApi;
  client: ParleyClient;
  store: ChatStore;
  base: string;
  customElements: CustomElementRegistry;
  memory: ThreadMemory | null;
  theme: 'light' | 'dark';
  mode: CopilotMode;
  title?: string;
  buttonLabel: string;
  /** Lets the host page open and close the panel (`widget.open()`); the widget reports its own toggles back. */
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** The copilot: a floating button that opens the chat in a floating panel or a sidebar over the host page. */
export function CopilotWidget(props: CopilotWidgetProps) {
  const { api, client, store, base, customElements, memory, theme, mode, title, buttonLabel, open, onOpenChange } = props;
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
    <div className={`parley-root copilot mode-${mode}${open ? ' open' : ''}`} data-theme={theme} data-testid="copilot-root" data-mode={mode}>
      {opened && (
        <section className="copilot-panel" data-testid="copilot-panel" hidden={!open} aria-label={title ?? config?.appName ?? 'Chat'}>
          {config === null ? (
            <p className="splash" role={problem ? 'alert' : 'status'} data-testid={problem ? 'config-error' : undefined}>
              {problem ? `The chat could not load: ${problem}` : 'Loading…'}
            </p>
          ) : (
            <CopilotChat
              api={api}
              client={client}
              store={store}
              base={base}
              config={config}
              customElements={customElements}
              memory={memory}
              title={title ?? config.appName}
              onClose={() => onOpenChange(false)}
            />
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
