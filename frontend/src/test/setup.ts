// Unmounts rendered components after each test; @testing-library only does this by itself when
// the test runner exposes globals, which this project does not enable.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
