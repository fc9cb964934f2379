import { Component, type ErrorInfo, type ReactNode, useSyncExternalStore } from 'react';
import type { ElementDto } from '../../protocol/dtos';
import { useChatServices } from '../../chat/ChatContext';

function JsonProps({ element }: { element: ElementDto }) {
  return <pre data-testid="custom-element-json">{JSON.stringify(element.props ?? null, null, 2)}</pre>;
}

/** A custom element: the component registered under its name, else its props as JSON so the data is not lost. */
export function CustomElement({ element }: { element: ElementDto }) {
  const { customElements } = useChatServices();
  useSyncExternalStore(customElements.subscribe, customElements.getVersion);
  const Registered = customElements.get(element.name);
  return (
    <figure className="element-custom" data-custom-rendered={Registered ? 'component' : 'json'}>
      <figcaption>{element.name}</figcaption>
      {Registered ? (
        <CustomElementBoundary fallback={<JsonProps element={element} />}>
          <Registered element={element} props={element.props ?? null} />
        </CustomElementBoundary>
      ) : (
        <JsonProps element={element} />
      )}
    </figure>
  );
}

/** A broken custom component shows the JSON instead of taking the whole chat down. */
class CustomElementBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Parley: a custom element component failed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
