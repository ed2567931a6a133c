"""One (model, seed) of the study, trained with Keras 3 on TensorFlow using the original's exact calls:

    model = Sequential([Flatten(28x28), Dense(units, relu), Dense(10, softmax)])
    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    model.fit(x_train, y_train, epochs=E)          # pixels / 255, batch 32, shuffled

Usage: python run_job.py JOB.json RESULT.json. The job (written by crosscheck/plan.ts) names the verified
data files, the model, the seed, the thread count and, for the α sections, the blends to score. The
result is one seed's figures; crosscheck/assemble.ts gathers the seeds into public/crosscheck/keras.json.
Progress goes to stderr, one line per epoch.
"""
import json
import os
import platform
import sys
import time


def configure_threads(threads):
    # Before TensorFlow is imported: the environment variables are read when its thread pools start.
    os.environ["TF_NUM_INTRAOP_THREADS"] = str(threads)
    os.environ["TF_NUM_INTEROP_THREADS"] = str(threads)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["KERAS_BACKEND"] = "tensorflow"
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)


def load(job):
    """Pixels / 255 as the original did (as float32, which is what Keras casts them to); the other
    dataset's test set for the cross-dataset figure; `train_count` (the quick mode) keeps the first N
    training images."""
    import numpy as np

    from idx_data import load_split

    def scaled(split):
        return (split[0] / 255.0).astype(np.float32), split[1].astype(np.int64)

    own = job["data"][job["dataset"]]
    other = job["data"]["fashion" if job["dataset"] == "digits" else "digits"]
    x_train, y_train = scaled(load_split(own, "train"))
    n = job.get("train_count") or len(y_train)
    x_test, y_test = scaled(load_split(own, "t10k"))
    x_other, y_other = scaled(load_split(other, "t10k"))
    return {"x_train": x_train[:n], "y_train": y_train[:n], "x_test": x_test, "y_test": y_test, "x_other": x_other, "y_other": y_other}


def original_model(units):
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(units, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def compile_original(model):
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])


def accuracy(model, x, y):
    import numpy as np

    predicted = np.argmax(model.predict(x, batch_size=1000, verbose=0), axis=1)
    return float(np.mean(predicted == y))


def epoch_recorder(x_test, y_test, epochs, log):
    """Times each epoch of fit (training only) and then scores the test set, as Keras's validation does."""
    import keras

    class Recorder(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.history = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds = time.perf_counter() - self.start
            test_loss, test_accuracy = self.model.evaluate(x_test, y_test, batch_size=1000, verbose=0)
            record = {
                "epoch": epoch + 1,
                "train_loss": float(logs["loss"]),
                "train_accuracy": float(logs["accuracy"]),
                "test_loss": float(test_loss),
                "test_accuracy": float(test_accuracy),
                "seconds": seconds,
            }
            self.history.append(record)
            log(
                f"epoch {epoch + 1}/{epochs} {seconds:.2f} s: accuracy {record['train_accuracy']:.4f}, "
                f"test {record['test_accuracy']:.4f}"
            )

    return Recorder()


def blends(x_test, pairs, alphas):
    """α·I1 + (1−α)·I2 for every (i1, i2) pair and every α, pair by pair: len(pairs)·len(alphas) images."""
    import numpy as np

    a = np.asarray(alphas, dtype=np.float32)[None, :, None, None]
    i1 = np.asarray([p[0] for p in pairs])
    i2 = np.asarray([p[1] for p in pairs])
    return (a * x_test[i1][:, None] + (1 - a) * x_test[i2][:, None]).reshape(-1, 28, 28).astype(np.float32)


def alpha_figures(model, x_test, spec, chunk=100):
    """The chosen pair's accuracy and every random pair's, with the training step's grid, truths and pairs.
    Pairs are scored `chunk` at a time: one predict call per pair would cost more than the blends."""
    import numpy as np

    truths = np.asarray(spec["truths"])
    alphas = spec["alphas"]

    def accuracies(pairs):
        out = []
        for start in range(0, len(pairs), chunk):
            part = pairs[start : start + chunk]
            probabilities = model.predict(blends(x_test, part, alphas), batch_size=1000, verbose=0)
            predicted = np.argmax(probabilities, axis=1).reshape(len(part), len(alphas))
            out.extend(float(v) for v in np.mean(predicted == truths[None, :], axis=1))
        return out

    return {
        "section": spec["section"],
        "accuracy": accuracies([(spec["i1"], spec["i2"])])[0],
        "random_pairs": accuracies(spec["pairs"]),
    }


def versions():
    import keras
    import numpy as np
    import tensorflow as tf

    return {"python": platform.python_version(), "tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}


def run(job, log):
    configure_threads(job["threads"])
    import keras

    data = load(job)
    keras.utils.set_random_seed(job["seed"])
    started = time.perf_counter()
    model = original_model(job["units"])
    compile_original(model)
    recorder = epoch_recorder(data["x_test"], data["y_test"], job["epochs"], log)
    model.fit(data["x_train"], data["y_train"], epochs=job["epochs"], verbose=0, callbacks=[recorder])
    last = recorder.history[-1]
    return {
        "model": job["model"],
        "seed": job["seed"],
        "key": job["key"],
        "threads": job["threads"],
        # How many jobs ran side by side on the machine: the epoch times depend on it.
        "workers": job["workers"],
        "versions": versions(),
        "history": recorder.history,
        "train_accuracy": last["train_accuracy"],
        "train_accuracy_eval": accuracy(model, data["x_train"], data["y_train"]),
        "test_accuracy": last["test_accuracy"],
        "test_loss": last["test_loss"],
        "cross_accuracy": accuracy(model, data["x_other"], data["y_other"]),
        "alpha": [alpha_figures(model, data["x_test"], spec) for spec in job.get("alpha", [])],
        "duration_s": time.perf_counter() - started,
    }


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: run_job.py JOB.json RESULT.json")
    with open(sys.argv[1]) as f:
        job = json.load(f)
    name = f"{job['model']} seed {job['seed']}"
    result = run(job, lambda line: print(f"{name}: {line}", file=sys.stderr, flush=True))
    tmp = f"{sys.argv[2]}.tmp"
    with open(tmp, "w") as f:
        json.dump(result, f)
    os.replace(tmp, sys.argv[2])


if __name__ == "__main__":
    main()
