import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The browser flows (one file, e2e/browser.test.ts) take longest and run one after another: they start first,
 * and the server test files share the other workers meanwhile.
 */
class BrowserFlowsFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [
      ...sorted.filter((file) => file.project.name === 'e2e'),
      ...sorted.filter((file) => file.project.name !== 'e2e'),
    ];
  }
}

export default defineConfig({
  test: {
    // One worker for the browser flows and one for the server tests beside them, both for the server tests
    // once the flows are done.
    maxWorkers: 2,
    sequence: { sequencer: BrowserFlowsFirst },
    projects: [
      {
        test: {
          name: 'server',
          include: [
            'server/src/**/*.test.ts',
            'server/test/**/*.test.ts',
            'common/src/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // The server's modules are loaded once per worker, not once per file: the 186 files spent 467 s
          // importing the app when each had its own module graph, 32 s shared. Nothing a test changes lives in
          // module state (each file builds its own app and database; registries are set alike by every app).
          isolate: false,
          globalSetup: ['server/test/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/browser.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          globalSetup: ['server/test/global-setup.ts'],
          // Pages load lazily; on a busy two-core machine (the server tests run beside the flows) a page can take
          // several seconds to load or to be read again after a save.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
