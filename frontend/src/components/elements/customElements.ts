import type { ComponentType } from 'react';
import type { ElementDto } from '../../protocol/dtos';
import type { JsonValue } from '../../protocol/json';

/** What a custom element component receives: the element and the props the handler gave `Element.Custom`. */
export interface CustomElementProps {
  element: ElementDto;
  props: JsonValue | null;
}

export type CustomElementComponent = ComponentType<CustomElementProps>;

/**
 * Custom element components by name (the `name` of `Element.Custom(name, props)`). An element
 * whose name has no component shows its props as JSON. Components may be registered at any time;
 * elements already on screen pick them up.
 */
export class CustomElementRegistry {
  private readonly components = new Map<string, CustomElementComponent>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(initial: Readonly<Record<string, CustomElementComponent>> = {}) {
    for (const [name, component] of Object.entries(initial)) this.components.set(name, component);
  }

  /** Registers `component` for elements named `name`; returns a function that removes it again. */
  register = (name: string, component: CustomElementComponent): (() => void) => {
    if (typeof name !== 'string' || name === '') throw new TypeError('A custom element needs a name.');
    if (typeof component !== 'function') throw new TypeError(`The custom element ${name} needs a React component (a function).`);
    this.components.set(name, component);
    this.changed();
    return () => {
      if (this.components.get(name) === component) {
        this.components.delete(name);
        this.changed();
      }
    };
  };

  get(name: string): CustomElementComponent | undefined {
    return this.components.get(name);
  }

  /** For useSyncExternalStore: changes whenever a component is added or removed. */
  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
