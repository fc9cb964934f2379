import * as React from 'react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { SessionWatch } from './app/sessionWatch';
import { CustomElementRegistry, type CustomElementComponent } from './components/elements/customElements';
import { ParleyApi } from './protocol/api';
import { resolveBase } from './protocol/base';
import { ParleyClient } from './protocol/client';
import './styles/app.css';

const base = resolveBase();
const sessionWatch = new SessionWatch();
const api = new ParleyApi({ baseUrl: base, onUnauthorized: sessionWatch.notify });
const client = new ParleyClient({
  baseUrl: base,
  onUnauthorized: sessionWatch.notify,
  onMalformedFrame: (frame) => console.warn('Parley: dropped a malformed event', frame),
});
const customElements = new CustomElementRegistry();

/**
 * What scripts added to the page (Parley:Ui:Scripts, loaded after this bundle) may use: React
 * itself, so that their components run on the app's own copy, and the custom element registry.
 */
export interface ParleyPageApi {
  React: typeof React;
  registerElement(name: string, component: CustomElementComponent): () => void;
}

declare global {
  interface Window {
    Parley?: ParleyPageApi;
  }
}

window.Parley = { React, registerElement: customElements.register };

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App api={api} client={client} base={base} customElements={customElements} sessionWatch={sessionWatch} />
  </StrictMode>,
);
