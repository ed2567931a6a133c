/**
 * A redraw asked for many times a second (a training worker reports ~20 times) drawn at most every
 * `everyMs`, in an animation frame: each redraw costs layout and paint (about 10 ms of a
 * software-rendered page), and the reader's scrolling and clicks come first. `now()` draws the last
 * state at once (a run's end is never left undrawn).
 */
export class ThrottledDraw {
  private timer = 0;
  private frame = 0;
  private last = 0;

  constructor(
    private readonly draw: () => void,
    private readonly everyMs = 250,
  ) {}

  /** Asks for a redraw; several asks before it happens make one. */
  request(): void {
    if (this.timer || this.frame) return;
    const wait = Math.max(0, this.last + this.everyMs - performance.now());
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.now();
      });
    }, wait);
  }

  /** Draws now, dropping a redraw that was waiting. */
  now(): void {
    this.cancel();
    this.last = performance.now();
    this.draw();
  }

  /** Drops a redraw that was waiting. */
  cancel(): void {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.timer = 0;
    this.frame = 0;
  }
}
