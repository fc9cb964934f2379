// window.mountParleyWidget(options): the copilot on any page, in a Shadow DOM.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import css from '../styles/app.css?inline';
import { type AccessTokenCallback, AccessTokens } from '../protocol/accessTokens';
import { ParleyApi, type TokenSource } from '../protocol/api';
import { withTrailingSlash } from '../protocol/base';
import { ParleyClient } from '../protocol/client';
import type { ConnectionFactory } from '../protocol/connection';
import type { JsonValue } from '../protocol/json';
import { type CustomElementComponent, CustomElementRegistry } from '../components/elements/customElements';
import { ChatStore } from '../state/chatStore';
import { CopilotWidget, type CopilotMode } from './CopilotWidget';
import { ThreadMemory } from './threadMemory';

/** A function the chat handler may call on the host page with `ctx.CallHostFunctionAsync(name, args)`. */
export type HostFunction = (args: JsonValue) => JsonValue | Promise<JsonValue>;

export interface ParleyWidgetOptions {
  /** The Parley app's URL, e.g. "https://chat.example.com/support/". */
  server: string;
  /**
   * The bearer token (a JWT the host's backend minted) for the widget's first requests. A function
   * is taken as `getAccessToken`. Without any token the widget uses Parley's cookie (same site only).
   */
  accessToken?: string | TokenSource;
  /**
   * Returns a fresh token. Called when there is no token, when the current one expires within 30
   * seconds, after the server refused one (401), and when the realtime connection reconnects.
   */
  getAccessToken?: AccessTokenCallback;
  /** Functions the chat handler may call on the host page (`host_fn_call`). More with `widget.registerFunction`. */
  hostFunctions?: Record<string, HostFunction>;
  /** React components for custom elements, by element name; build them with `window.ParleyCopilot.React`. */
  customElements?: Record<string, CustomElementComponent>;
  /** "floating" (default): a panel above the button; "sidebar": docked along the right edge. */
  mode?: CopilotMode;
  /** Follows the visitor's system preference when omitted. */
  theme?: 'light' | 'dark';
  /** The panel's title; the app's name when omitted. */
  title?: string;
  buttonLabel?: string;
  /** Where the widget's host element goes; `document.body` when omitted. */
  container?: HTMLElement;
  /** Opens the panel at once. */
  open?: boolean;
  /** Resume the current thread after a reload of the host page (sessionStorage, per server). Default true. */
  persistThread?: boolean;
}

export interface ParleyWidget {
  open(): void;
  close(): void;
  readonly isOpen: boolean;
  /** The thread of the chat, once it started. */
  readonly threadId: string | null;
  /** Opens the panel and sends `text` as the user; resolves once the server accepted it. */
  sendMessage(text: string): Promise<void>;
  /** Adds or replaces a host function; returns a function that removes it. */
  registerFunction(name: string, fn: HostFunction): () => void;
  /** Adds or replaces a custom element component; returns a function that removes it. */
  registerElement(name: string, component: CustomElementComponent): () => void;
  /** Closes the connection and removes the widget from the page. */
  unmount(): void;
}

/** Test seams: a fake hub connection and fetch instead of the network. */
export interface WidgetInternals {
  createConnection?: ConnectionFactory;
  fetch?: typeof fetch;
}

const SEND_WAIT_MS = 30_000;

/** The widget's font size: what 1rem means inside it. */
const ROOT_FONT_SIZE_PX = 15;

/**
 * rem units would follow the host page's <html> font size (62.5% is common), which Shadow DOM
 * does not isolate; inside the widget they become pixels of the widget's own base size.
 */
export function remToPx(stylesheet: string): string {
  return stylesheet.replace(/(\d*\.?\d+)rem\b/g, (_, value: string) => `${Number((Number(value) * ROOT_FONT_SIZE_PX).toFixed(3))}px`);
}

/**
 * Styles go in through a constructed stylesheet: unlike a <style> element, it is not blocked by
 * a host page whose CSP forbids inline styles. Older browsers get the <style> element.
 */
function adoptStyles(root: ShadowRoot): void {
  const widgetCss = remToPx(css);
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(widgetCss);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = widgetCss;
    root.appendChild(style);
  }
}

function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function mountParleyWidget(options: ParleyWidgetOptions, internals: WidgetInternals = {}): ParleyWidget {
  const base = withTrailingSlash(new URL(options.server, document.baseURI).href);
  const initialToken = typeof options.accessToken === 'string' ? options.accessToken : null;
  const getAccessToken = options.getAccessToken ?? (typeof options.accessToken === 'function' ? options.accessToken : undefined);
  const usesTokens = initialToken !== null || getAccessToken !== undefined;
  const tokens = usesTokens ? new AccessTokens(initialToken, getAccessToken) : null;

  const functions = new Map<string, HostFunction>(Object.entries(options.hostFunctions ?? {}));
  // With a token, cookies are not needed: credentials stay home, which also spares CORS credential rules.
  const api = new ParleyApi({
    baseUrl: base,
    accessToken: tokens?.get,
    onTokenRejected: tokens?.invalidate,
    credentials: usesTokens ? 'omit' : 'include',
    fetch: internals.fetch,
  });
  const client = new ParleyClient({
    baseUrl: base,
    accessToken: tokens?.get,
    onUnauthorized: tokens?.invalidate,
    createConnection: internals.createConnection,
    hostFunctions: async (name, args) => {
      const fn = functions.get(name);
      if (fn === undefined) throw new Error(`The host page has no function named ${name}.`);
      return fn(args);
    },
  });
  // A dropped or refused connection may mean the token expired: reconnects ask the host for a fresh one.
  client.onStatus((status) => {
    if (status === 'reconnecting' || status === 'disconnected') tokens?.invalidate();
  });
  const store = new ChatStore();
  const customElements = new CustomElementRegistry(options.customElements);
  const memory = options.persistThread === false ? null : new ThreadMemory(base);

  const host = document.createElement('parley-copilot');
  host.setAttribute('data-parley-widget', '');
  (options.container ?? document.body).appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const mountPoint = document.createElement('div');
  shadow.appendChild(mountPoint);
  const root = createRoot(mountPoint);

  // The host page opens and closes the panel from outside React; this root component hands it the setter.
  let isOpen = options.open ?? false;
  let mounted = true;
  let setOpenFromHost: (open: boolean) => void = (open) => {
    isOpen = open;
  };
  function Widget() {
    const [open, setOpen] = useState(isOpen);
    setOpenFromHost = (next) => {
      isOpen = next;
      setOpen(next);
    };
    return (
      <CopilotWidget
        api={api}
        client={client}
        store={store}
        base={base}
        customElements={customElements}
        memory={memory}
        theme={options.theme ?? systemTheme()}
        mode={options.mode === 'sidebar' ? 'sidebar' : 'floating'}
        title={options.title}
        buttonLabel={options.buttonLabel ?? 'Open chat'}
        open={open}
        onOpenChange={(next) => setOpenFromHost(next)}
      />
    );
  }
  root.render(<Widget />);

  const whenChatStarted = () =>
    new Promise<void>((resolve, reject) => {
      if (store.getState().sessionId !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error('The chat did not start in time.'));
      }, SEND_WAIT_MS);
      const unsubscribe = store.subscribe(() => {
        if (store.getState().sessionId === null) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });

  return {
    open: () => setOpenFromHost(true),
    close: () => setOpenFromHost(false),
    get isOpen() {
      return isOpen;
    },
    get threadId() {
      return store.getState().threadId;
    },
    sendMessage: async (text: string) => {
      if (!mounted) throw new Error('The widget was unmounted.');
      if (typeof text !== 'string' || text.trim() === '') throw new TypeError('sendMessage needs a non-empty text.');
      setOpenFromHost(true);
      await whenChatStarted();
      const ack = await client.sendMessage(text);
      if (!ack.ok) throw new Error(ack.message ?? `The server refused the message (${ack.code ?? 'refused'}).`);
    },
    registerFunction: (name: string, fn: HostFunction) => {
      if (typeof fn !== 'function') throw new TypeError(`The host function ${name} must be a function.`);
      functions.set(name, fn);
      return () => {
        if (functions.get(name) === fn) functions.delete(name);
      };
    },
    registerElement: customElements.register,
    unmount: () => {
      if (!mounted) return;
      mounted = false;
      root.unmount();
      void client.stop();
      host.remove();
    },
  };
}
