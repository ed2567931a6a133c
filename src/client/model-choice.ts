/**
 * "Predict with: [published model] [your model] [forget it]": the buttons a widget shows once the reader
 * has trained a model of the widget's dataset (your-model.ts). Choosing loads the model into the
 * widget's runtime and hands it to the widget; a newer model replaces the one in use, and forgetting it
 * (here or in another widget) goes back to the published model.
 */
import type { DatasetId } from '../../schema/results.ts';
import type { Classifier, Runtime } from './tf.ts';
import { h } from './ui.ts';
import { forgetModel, onYourModel, type YourModel } from './your-model.ts';

export interface ChoiceHost {
  root: HTMLElement;
  /** The element the buttons go before. */
  anchor: HTMLElement;
  rt: Runtime;
  /** The dataset the widget shows now (the α explorer switches). */
  dataset(): DatasetId;
  /** The published model of that dataset and its name. */
  published(): { model: Classifier; name: string };
  /** Called with the model to predict with from now on, and `yours` when it is the reader's. */
  use(model: Classifier, yours: YourModel | null): Promise<void>;
}

export class ModelChoice {
  private readonly models = new Map<DatasetId, YourModel>();
  private inUse: YourModel | null = null;
  private group: HTMLElement | null = null;

  constructor(private readonly host: ChoiceHost) {
    onYourModel((dataset, model) => {
      if (model) this.models.set(dataset, model);
      else this.models.delete(dataset);
      if (dataset !== host.dataset()) return;
      // A newer model replaces the one in use; a forgotten one hands back to the published model.
      if (this.inUse && (!model || model.key !== this.inUse.key)) void this.choose(model);
      this.render();
    });
  }

  /** The reader's model in use, if any. */
  get yours(): YourModel | null {
    return this.inUse;
  }

  /** After the widget switched datasets: the published model is in use, the choice is the new dataset's. */
  reset(): void {
    this.inUse = null;
    this.host.root.dataset.modelInUse = 'published';
    this.render();
  }

  private async choose(model: YourModel | null): Promise<void> {
    const { rt } = this.host;
    let classifier: Classifier;
    try {
      classifier = model ? await rt.loadModelFiles(model.key, model.files) : this.host.published().model;
    } catch (err) {
      // A kept model this page cannot load (say, saved by an older version of the site): say so, keep the published one.
      this.render();
      this.group?.append(h('span', { class: 'w-error', role: 'alert', text: `Your model could not be loaded (${(err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ')}); the published model still predicts. “Forget your model” removes it.` }));
      return;
    }
    this.inUse = model;
    this.host.root.dataset.modelInUse = model ? 'yours' : 'published';
    this.render();
    await this.host.use(classifier, model);
  }

  private render(): void {
    const model = this.models.get(this.host.dataset()) ?? null;
    if (!model) {
      this.group?.remove();
      this.group = null;
      return;
    }
    if (!this.group) {
      this.group = h('div', { class: 'w-controls', 'data-part': 'model-choice', role: 'group', 'aria-label': 'Model that predicts' });
      this.host.anchor.before(this.group);
    }
    const mine = this.inUse?.key === model.key;
    const published = h('button', { type: 'button', 'aria-pressed': String(!mine), 'data-part': 'use-published', text: `Published model ${this.host.published().name}` });
    const yours = h('button', { type: 'button', 'aria-pressed': String(mine), 'data-part': 'use-yours', text: `Use ${model.label}` });
    const forget = h('button', { type: 'button', class: 'w-link', 'data-part': 'forget-yours', text: 'Forget your model' });
    published.addEventListener('click', () => void this.choose(null));
    yours.addEventListener('click', () => void this.choose(model));
    forget.addEventListener('click', () => forgetModel(model.dataset));
    this.group.replaceChildren(h('span', { class: 'w-caption', text: 'Predict with:' }), published, yours, forget);
  }
}
