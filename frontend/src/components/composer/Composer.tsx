import { type ClipboardEvent, type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { formatBytes } from '../../files/fileLimits';
import type { Attachments } from '../../files/useAttachments';
import { sendOrReport, useChat, useChatServices } from '../../chat/ChatContext';
import { Icon } from '../common/Icon';
import { IconButton } from '../common/IconButton';
import { AttachmentList } from './AttachmentList';

interface ComposerProps {
  attachments: Attachments;
  /** Set when there is no live chat to send to (session ended, not connected yet). */
  disabled?: boolean;
}

/** Writes messages: Enter sends, Shift+Enter breaks the line. Also answers a pending text ask. */
export function Composer({ attachments, disabled = false }: ComposerProps) {
  const services = useChatServices();
  const { limits } = services;
  const running = useChat((state) => state.running);
  const ask = useChat((state) => state.ask);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const textAsk = ask?.kind === 'text' ? ask : null;
  const tooLong = text.length > limits.maxMessageChars;
  const empty = text.trim() === '' && attachments.readyIds.length === 0;
  // While the handler runs, only an answer to its text ask can be sent.
  const blocked = running && textAsk === null;
  const canSend = !disabled && !sending && !empty && !tooLong && !attachments.uploading && !blocked;

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    const fileIds = attachments.readyIds;
    const ok = await sendOrReport(services, (client) =>
      textAsk !== null ? client.answerAsk(textAsk.askId, { text }) : client.sendMessage(text, fileIds),
    );
    setSending(false);
    if (ok) {
      setText('');
      attachments.clear();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length > 0) {
      event.preventDefault();
      attachments.add(files);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const nearLimit = text.length > limits.maxMessageChars * 0.9;

  return (
    <form className="composer" onSubmit={onSubmit} aria-label="Message composer">
      <AttachmentList attachments={attachments} />
      <div className="composer-row">
        <input
          ref={fileInput}
          type="file"
          multiple
          className="visually-hidden"
          data-testid="file-input"
          aria-label="Attach files"
          accept={limits.acceptedTypes.join(',') || undefined}
          onChange={(event) => {
            attachments.add(Array.from(event.currentTarget.files ?? []));
            event.currentTarget.value = '';
          }}
        />
        <IconButton
          icon="paperclip"
          label={`Attach files (up to ${limits.maxFilesPerMessage}, ${formatBytes(limits.maxUploadBytes)} each)`}
          data-testid="attach-button"
          disabled={disabled}
          onClick={() => fileInput.current?.click()}
        />
        <textarea
          className="composer-input"
          data-testid="composer-input"
          aria-label={textAsk ? 'Your answer' : 'Message'}
          placeholder={textAsk ? 'Type your answer…' : 'Type a message…'}
          rows={1}
          value={text}
          disabled={disabled}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {running && textAsk === null ? (
          <IconButton
            icon="stop"
            label="Stop generating"
            className="stop-button"
            data-testid="stop-button"
            onClick={() => void sendOrReport(services, (client) => client.stopGeneration())}
          />
        ) : (
          <button type="submit" className="icon-button send-button" data-testid="send-button" aria-label="Send" title="Send" disabled={!canSend}>
            <Icon name="send" />
          </button>
        )}
      </div>
      {nearLimit && (
        <p className={tooLong ? 'error-text' : 'muted'} data-testid="composer-length" aria-live="polite">
          {text.length.toLocaleString()} / {limits.maxMessageChars.toLocaleString()} characters
        </p>
      )}
    </form>
  );
}
