/** "Saved" beside an inline edit for a moment after it saves, so a change that saves itself is seen to. */
export class SavedNotice {
  shown = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(milliseconds = 2500): void {
    clearTimeout(this.#timer);
    this.shown = true;
    this.#timer = setTimeout(() => (this.shown = false), milliseconds);
  }

  hide(): void {
    clearTimeout(this.#timer);
    this.shown = false;
  }
}
