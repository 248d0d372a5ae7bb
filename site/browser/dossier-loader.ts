/**
 * The dossier form's bundle (pdf-lib and the dossier code, ~0.5 MB) is fetched only when someone starts
 * using the form: most visitors of a motif page never build a dossier. A submit that comes before the
 * bundle is there is held, then made again once the bundle has wired the form.
 */
export function loadOnFirstUse(form: HTMLFormElement): void {
  let loaded: Promise<void> | null = null;
  let ready = false;
  const load = () =>
    (loaded ??= new Promise<void>((resolve, reject) => {
      const script = Object.assign(document.createElement('script'), { src: form.dataset.script! });
      script.onload = () => {
        ready = true;
        resolve();
      };
      script.onerror = () => reject(new Error(`${form.dataset.script} ne s’est pas chargé`));
      document.head.append(script);
    }));
  form.hidden = false;
  form.addEventListener('focusin', () => void load().catch(() => {}), { once: true });
  form.addEventListener('pointerdown', () => void load().catch(() => {}), { once: true });
  form.addEventListener('submit', (event) => {
    if (ready) return;
    event.preventDefault();
    const status = form.querySelector<HTMLElement>('[data-dossier-status]');
    load().then(
      () => form.requestSubmit(),
      (error: Error) => {
        if (status) status.textContent = `Le dossier n’a pas pu être créé : ${error.message}.`;
      },
    );
  });
}
