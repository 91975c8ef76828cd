/**
 * A click that a busy machine may swallow (a dropdown still animating, a route still loading): the click is made
 * again, up to `tries` times, until `done` (given a timeout in ms) resolves. `click` should act only when its target is
 * still there, so that a click that did land is never repeated.
 */
export async function clickUntil(
  click: () => Promise<unknown>,
  done: (timeout: number) => Promise<unknown>,
  tries = 3,
  timeout = 15_000,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await click();
    try {
      await done(timeout);
      return;
    } catch (e) {
      if (attempt >= tries) throw e;
    }
  }
}
