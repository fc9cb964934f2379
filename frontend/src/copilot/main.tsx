// The copilot bundle: a host page loads this one script and calls window.mountParleyWidget().
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import css from '../styles/app.css?inline';
import { ParleyApi, type TokenSource } from '../protocol/api';
import { withTrailingSlash } from '../protocol/base';
import { ParleyClient, type HostFunctionHandler } from '../protocol/client';
import type { JsonValue } from '../protocol/json';
import { CopilotWidget } from './CopilotWidget';

export interface ParleyWidgetOptions {
  /** The Parley app's URL, e.g. "https://chat.example.com/support/". */
  server: string;
  /** A bearer token, or a function returning a fresh one (called for every request and reconnect). */
  accessToken?: string | TokenSource;
  /** Functions the chat handler may call on the host page (`host_fn_call`). */
  hostFunctions?: Record<string, (args: JsonValue) => JsonValue | Promise<JsonValue>>;
  /** Follows the visitor's system preference when omitted. */
  theme?: 'light' | 'dark';
  /** The panel's title; the app's name when omitted. */
  title?: string;
  buttonLabel?: string;
  /** Where the widget's host element goes; `document.body` when omitted. */
  container?: HTMLElement;
  /** Opens the panel at once. */
  open?: boolean;
}

export interface ParleyWidget {
  open(): void;
  close(): void;
  unmount(): void;
}

function tokenSource(token: ParleyWidgetOptions['accessToken']): TokenSource | undefined {
  if (token === undefined) return undefined;
  return typeof token === 'function' ? token : () => token;
}

function hostFunctionHandler(functions: ParleyWidgetOptions['hostFunctions']): HostFunctionHandler | undefined {
  if (functions === undefined) return undefined;
  return async (name, args) => {
    const fn = Object.prototype.hasOwnProperty.call(functions, name) ? functions[name] : undefined;
    if (fn === undefined) throw new Error(`The host page has no function named ${name}.`);
    return fn(args);
  };
}

/**
 * Styles go in through a constructed stylesheet: unlike a <style> element, it is not blocked by
 * a host page whose CSP forbids inline styles. Older browsers get the <style> element.
 */
function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
}

function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function mountParleyWidget(options: ParleyWidgetOptions): ParleyWidget {
  const base = withTrailingSlash(new URL(options.server, document.baseURI).href);
  const accessToken = tokenSource(options.accessToken);
  // With a token, cookies are not needed: credentials stay home, which also spares CORS credential rules.
  const api = new ParleyApi({ baseUrl: base, accessToken, credentials: accessToken ? 'omit' : 'include' });
  const client = new ParleyClient({ baseUrl: base, accessToken, hostFunctions: hostFunctionHandler(options.hostFunctions) });

  const host = document.createElement('div');
  host.setAttribute('data-parley-widget', '');
  (options.container ?? document.body).appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const mountPoint = document.createElement('div');
  shadow.appendChild(mountPoint);
  const root = createRoot(mountPoint);

  // The host page opens and closes the panel from outside React; this root component hands it the setter.
  let setOpenFromHost: (open: boolean) => void = () => undefined;
  function Widget() {
    const [open, setOpen] = useState(options.open ?? false);
    setOpenFromHost = setOpen;
    return (
      <CopilotWidget
        api={api}
        client={client}
        base={base}
        theme={options.theme ?? systemTheme()}
        title={options.title}
        buttonLabel={options.buttonLabel ?? 'Open chat'}
        open={open}
        onOpenChange={setOpen}
      />
    );
  }
  root.render(<Widget />);

  return {
    open: () => setOpenFromHost(true),
    close: () => setOpenFromHost(false),
    unmount: () => {
      root.unmount();
      host.remove();
    },
  };
}

declare global {
  interface Window {
    mountParleyWidget: typeof mountParleyWidget;
  }
}

window.mountParleyWidget = mountParleyWidget;
