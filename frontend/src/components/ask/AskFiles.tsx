import { useMemo, useRef, useState } from 'react';
import type { PendingAsk } from '../../protocol/events';
import { type FileLimits, formatBytes } from '../../files/fileLimits';
import { useAttachments } from '../../files/useAttachments';
import { sendOrReport, useChatServices } from '../../chat/ChatContext';
import { AttachmentList } from '../composer/AttachmentList';

/** The ask's own limits, never looser than the app's. */
function limitsFor(ask: PendingAsk, app: FileLimits): FileLimits {
  return {
    maxBytes: Math.min(ask.maxSizeBytes ?? app.maxBytes, app.maxBytes),
    maxFiles: Math.min(ask.maxFiles ?? app.maxFiles, app.maxFiles),
    accept: ask.accept && ask.accept.length > 0 ? ask.accept : app.accept,
  };
}

/** Asks for files: pick, check against the limits, upload, then answer with the file ids. */
export function AskFiles({ ask }: { ask: PendingAsk }) {
  const services = useChatServices();
  const { limits: appLimits } = services;
  const limits = useMemo(
    () =>
      limitsFor(ask, {
        maxBytes: appLimits.maxUploadBytes,
        maxFiles: appLimits.maxFilesPerMessage,
        accept: appLimits.acceptedTypes,
      }),
    [ask, appLimits],
  );
  const attachments = useAttachments(services.api, limits);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const ok = await sendOrReport(services, (client) => client.answerAsk(ask.askId, { fileIds: attachments.readyIds }));
    if (ok) attachments.clear();
    setBusy(false);
  };

  return (
    <div className="ask-files">
      <p className="muted" data-testid="ask-files-limits">
        Up to {limits.maxFiles} file{limits.maxFiles === 1 ? '' : 's'}, {formatBytes(limits.maxBytes)} each
        {limits.accept.length > 0 ? `; ${limits.accept.join(', ')}` : ''}.
      </p>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        data-testid="ask-files-input"
        aria-label="Choose files to answer with"
        multiple={limits.maxFiles > 1}
        accept={limits.accept.join(',') || undefined}
        onChange={(event) => {
          attachments.add(Array.from(event.currentTarget.files ?? []));
          event.currentTarget.value = '';
        }}
      />
      <button type="button" className="secondary-button" onClick={() => input.current?.click()}>
        Choose files
      </button>
      <AttachmentList attachments={attachments} />
      <button
        type="button"
        className="primary-button"
        data-testid="ask-files-submit"
        disabled={busy || attachments.uploading || attachments.readyIds.length === 0}
        onClick={() => void submit()}
      >
        Send files
      </button>
    </div>
  );
}
