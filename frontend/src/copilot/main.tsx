// The copilot bundle: a host page loads this one script and calls window.mountParleyWidget().
import * as React from 'react';
import { mountParleyWidget } from './mountParleyWidget';

export type { ParleyWidget, ParleyWidgetOptions, HostFunction } from './mountParleyWidget';

declare global {
  interface Window {
    mountParleyWidget: typeof mountParleyWidget;
    /** React as the widget uses it, for custom element components, and the mount function. */
    ParleyCopilot: { React: typeof React; mountParleyWidget: typeof mountParleyWidget };
  }
}

// Only the first argument is public: the second is a test seam.
window.mountParleyWidget = (options) => mountParleyWidget(options);
window.ParleyCopilot = { React, mountParleyWidget: window.mountParleyWidget };
