import type { Attachments } from '../../files/useAttachments';
import { formatBytes } from '../../files/fileLimits';
import { IconButton } from '../common/IconButton';

/** Files attached to the next message, with their upload state, and why others were refused. */
export function AttachmentList({ attachments }: { attachments: Attachments }) {
  if (attachments.items.length === 0 && attachments.problems.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.items.length > 0 && (
        <ul className="attachment-list">
          {attachments.items.map((item) => (
            <li key={item.localId} className={`attachment ${item.status}`} data-testid="attachment" data-status={item.status}>
              <span className="attachment-name">{item.name}</span>
              <span className="muted">{item.status === 'uploading' ? 'Uploading…' : item.status === 'failed' ? 'Failed' : formatBytes(item.size)}</span>
              <IconButton icon="close" label={`Remove ${item.name}`} onClick={() => attachments.remove(item.localId)} />
            </li>
          ))}
        </ul>
      )}
      {attachments.problems.map((problem) => (
        <p key={problem} className="error-text" role="alert" data-testid="composer-error">
          {problem}
        </p>
      ))}
    </div>
  );
}
