// Module resolution as in Electron's main process: the specifier 'electron' is the stand-in.
const STAND_IN = new URL('./electronStandIn.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
