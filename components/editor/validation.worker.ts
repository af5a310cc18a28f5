/** Validation off the main thread, so a big graph stays smooth while it is checked. */
import { validateWorkflow } from '@/lib/engine/validate';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; doc: unknown }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (e) => {
  scope.postMessage({ id: e.data.id, problems: validateWorkflow(e.data.doc) });
};
