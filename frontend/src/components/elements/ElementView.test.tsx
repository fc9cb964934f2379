import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { chatStarted, element, step } from '../../test/fixtures';
import { renderChat } from '../../test/renderChat';
import { ChatView } from '../chat/ChatView';
import { CustomElementRegistry, type CustomElementProps } from './customElements';

function view() {
  return <ChatView title="Support" status="connected" onReconnect={() => undefined} onNewChat={() => undefined} />;
}

function Card({ props }: CustomElementProps) {
  return <div data-testid="card">{(props as { city: string }).city}</div>;
}

function Broken(): never {
  throw new Error('broken component');
}

describe('custom elements', () => {
  it('render with the registered component, or as JSON without one, or after a component fails', async () => {
    // React and the boundary both report the broken component; that output is expected here.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const registry = new CustomElementRegistry({ Card, Broken });
    await renderChat(view(), {
      customElements: registry,
      events: [
        chatStarted({
          steps: [step({ id: 'a1', output: 'Here' })],
          elements: [
            element({ id: 'e1', stepId: 'a1', type: 'custom', name: 'Card', props: { city: 'Paris' } }),
            element({ id: 'e2', stepId: 'a1', type: 'custom', name: 'Chart', props: { series: [1, 2] } }),
            element({ id: 'e3', stepId: 'a1', type: 'custom', name: 'Broken', props: { x: 1 } }),
          ],
        }),
      ],
    });
    expect(screen.getByTestId('card').textContent).toBe('Paris');
    const json = screen.getAllByTestId('custom-element-json').map((pre) => pre.textContent);
    expect(json[0]).toContain('"series"');
    expect(json[1]).toContain('"x": 1');
  });

  it('pick up a component registered after they were shown', async () => {
    const registry = new CustomElementRegistry();
    await renderChat(view(), {
      customElements: registry,
      events: [chatStarted({ steps: [step({ id: 'a1' })], elements: [element({ id: 'e1', stepId: 'a1', type: 'custom', name: 'Card', props: { city: 'Rome' } })] })],
    });
    expect(screen.queryByTestId('card')).toBeNull();
    act(() => {
      registry.register('Card', Card);
    });
    expect(screen.getByTestId('card').textContent).toBe('Rome');
  });
});

describe('side and page elements', () => {
  it('show as links that open the element panel, beside or over the chat', async () => {
    const user = userEvent.setup();
    await renderChat(view(), {
      events: [
        chatStarted({
          steps: [step({ id: 'a1', output: 'See' })],
          elements: [
            element({ id: 'e1', stepId: 'a1', type: 'custom', name: 'Details', display: 'side', props: { a: 1 } }),
            element({ id: 'e2', stepId: 'a1', type: 'custom', name: 'Report', display: 'page', props: { b: 2 } }),
          ],
        }),
      ],
    });
    expect(screen.queryByTestId('element-panel')).toBeNull();
    const [side, page] = screen.getAllByTestId('element-link');
    await user.click(side as HTMLElement);
    expect(screen.getByTestId('element-panel').dataset.display).toBe('side');
    expect(screen.getByTestId('element-panel').textContent).toContain('"a": 1');
    await user.click(page as HTMLElement);
    expect(screen.getByTestId('element-panel').dataset.display).toBe('page');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('element-panel')).toBeNull();
  });
});
