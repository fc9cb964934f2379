import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ParleyApi } from './protocol/api';
import { resolveBase } from './protocol/base';
import { ParleyClient } from './protocol/client';
import './styles/app.css';

const base = resolveBase();
const api = new ParleyApi({ baseUrl: base });
const client = new ParleyClient({
  baseUrl: base,
  onMalformedFrame: (frame) => console.warn('Parley: dropped a malformed event', frame),
});

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App api={api} client={client} base={base} />
  </StrictMode>,
);
