import type { ReactNode } from 'react';
import { IconButton } from '../common/IconButton';

interface HeaderProps {
  title: string;
  onOpenSidebar?: () => void;
  onOpenSettings?: () => void;
  /** Right-hand controls: profile picker, theme toggle, user menu. */
  children?: ReactNode;
}

export function Header({ title, onOpenSidebar, onOpenSettings, children }: HeaderProps) {
  return (
    <header className="app-header">
      {onOpenSidebar && <IconButton icon="menu" label="Open chat history" className="sidebar-toggle" data-testid="sidebar-toggle" onClick={onOpenSidebar} />}
      <h1 className="app-title" data-testid="chat-title">
        {title}
      </h1>
      <div className="header-tools">
        {onOpenSettings && <IconButton icon="settings" label="Chat settings" data-testid="settings-button" onClick={onOpenSettings} />}
        {children}
      </div>
    </header>
  );
}
