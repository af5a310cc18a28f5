/**
 * The QuickJS WebAssembly instance a thread runs code in, sized to the run's memory limit.
 *
 * QuickJS's own memory limit does not hold in this build (under Emscripten it counts a fixed
 * 8 bytes per allocation: quickjs-emscripten issues #255 and #271), so the real limit is the
 * instance's WebAssembly.Memory, created with a `maximum`: when QuickJS's malloc cannot grow it,
 * the code gets an out-of-memory error. An instance is reused by runs with the same limit and
 * dropped after any run that reached the limit or broke the engine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC } from 'quickjs-emscripten';

const PAGE_BYTES = 64 * 1024;
/** The module's declared minimum memory (16 MiB): no limit can be smaller than this. */
const INITIAL_PAGES = 256;
/** Static data and the C stack of the engine, on top of the heap the limit grants. */
const BASE_PAGES = 32;

const require = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
const compiled = WebAssembly.compile(readFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));

let cached;

/** `{ quickjs, memory, maxBytes }` for a run with this memory limit. */
export async function engineFor(memoryBytes) {
  if (cached && cached.limitBytes === memoryBytes) return cached;
  cached = undefined;
  const maximum = Math.max(INITIAL_PAGES, Math.ceil(memoryBytes / PAGE_BYTES) + BASE_PAGES);
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum });
  const engine = { quickjs: undefined, memory, limitBytes: memoryBytes, growRefused: false };
  // Emscripten's malloc grows this very object; a refused grow is how the limit shows.
  const grow = memory.grow.bind(memory);
  memory.grow = (pages) => {
    try {
      return grow(pages);
    } catch (err) {
      engine.growRefused = true;
      throw err;
    }
  };
  engine.quickjs = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule: await compiled, wasmMemory: memory }));
  cached = engine;
  return engine;
}

/** Forgets the cached engine; the next run gets a fresh instance. */
export function dropEngine(engine) {
  if (cached === engine) cached = undefined;
}
