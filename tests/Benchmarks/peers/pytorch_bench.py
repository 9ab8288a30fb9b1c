"""PyTorch peer for the Neuroslyn benchmarks (issue 4): W1, W2, W4, W5, W6 inference and W3, W7 training on the same
networks, the same weights (models.py, the seeds make_onnx.py uses) and the same data as the C# suite, with matched
threads.

Uses Debian's python3-torch 1.13 with the system BLAS, which must be OpenBLAS (apt-get install -y libopenblas0
registers it): Debian's default reference BLAS is about 7x slower and would make the comparison meaningless, so the
script checks which BLAS library torch really loaded and stops if it is not OpenBLAS.

Each thread count runs in its own process with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS set before torch is
imported (OpenBLAS's pthread build sizes its pool at load time; torch.set_num_threads alone does not reach it).

Usage: /usr/bin/python3 pytorch_bench.py OUTPUT.json
       /usr/bin/python3 pytorch_bench.py --serve THREADS [w3|w7]   (W3 epochs or W7 segments on request; see serve_rounds)
"""
import gzip
import json
import os
import statistics
import subprocess
import sys
import time

FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
BATCH = 32
EPOCH_SAMPLES = 60000
TRAINING_EPOCHS = 3       # timed epochs per thread count; the accuracy is taken after the first, as in the C# check
INFERENCE_ROUNDS = 15     # timed rounds per inference workload; each round lasts about 0.1 s
W7_BATCH = 64
W7_SEGMENT_BATCHES = 100  # W7CnnTraining.SegmentBatches: an epoch of the CNN takes tens of seconds, so it is timed in segments
W7_SEGMENTS_2_THREADS = 3 # timed segments per two-thread candidate (one thread times every segment of its whole epoch)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        print(json.dumps(worker(int(sys.argv[2]))))
        return
    if len(sys.argv) in (3, 4) and sys.argv[1] == "--serve":
        serve_rounds(int(sys.argv[2]), sys.argv[3] if len(sys.argv) == 4 else "w3")
        return
    if len(sys.argv) != 2:
        sys.exit("usage: pytorch_bench.py OUTPUT.json")
    results = run_worker(1, wait_policy=None)
    # Two threads: PyTorch's OpenMP pool and OpenBLAS's pthread pool both spin-wait between tasks, and on 2 cores they
    # take turns stealing each other's core. Which wait policy is best depends on how busy the machine is, so both
    # run and the table gets PyTorch's better one (named in w3Config2Threads): the peer at its best, not handicapped.
    candidates = [run_worker(2, wait_policy=policy) for policy in (None, "PASSIVE")]
    best = max(candidates, key=lambda result: result["w3SamplesPerSecond2Threads"])
    results.update({key: value for key, value in best.items() if not key.startswith("w7")})
    results["w3Candidates2Threads"] = {c["w3Config2Threads"]: c["w3SamplesPerSecond2Threads"] for c in candidates}
    # W7 picks its own best policy: the CNN's products are larger and may prefer the other one.
    best7 = max(candidates, key=lambda result: result["w7SamplesPerSecond2Threads"])
    results.update({key: value for key, value in best7.items() if key.startswith("w7")})
    results["w7Config2Threads"] = best7["w3Config2Threads"]
    results["w7Candidates2Threads"] = {c["w3Config2Threads"]: c["w7SamplesPerSecond2Threads"] for c in candidates}
    with open(sys.argv[1], "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))


def run_worker(threads, wait_policy):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    env.pop("OMP_WAIT_POLICY", None)
    if wait_policy:
        env["OMP_WAIT_POLICY"] = wait_policy
    out = subprocess.run([sys.executable, __file__, "--worker", str(threads)], env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if threads > 1:
        result["w3Config2Threads"] = f"OMP_WAIT_POLICY={wait_policy or 'default'}"
    return result


def worker(threads):
    import torch
    torch.set_num_threads(threads)
    blas = loaded_blas(torch)
    log(f"torch {torch.__version__}, {threads} thread(s), BLAS loaded: {blas}")
    results = {"torch": torch.__version__, "blas": blas}
    if threads == 1:
        # torch.__config__.show() names the BLAS torch was built against: Debian's says BLAS_INFO=generic (the system
        # libblas.so.3), which is why loaded_blas() looks at the library really loaded.
        config = torch.__config__.show()
        log(config)
        results["blasInfo"] = next((word.strip(",") for word in config.split() if word.startswith("BLAS_INFO=")), "unknown")
        results.update(inference(torch))
    results.update(training(torch, threads))
    results.update(cnn_training(torch, threads))
    return results


def loaded_blas(torch):
    """The BLAS shared library this process really uses: torch's build says only BLAS_INFO=generic on Debian,
    and the system alternative decides which libblas.so.3 loads. Fails unless it is OpenBLAS."""
    a = torch.randn(64, 64)
    (a @ a).sum().item()  # make sure the BLAS is loaded and used
    with open("/proc/self/maps") as maps:
        libraries = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")})
    if not any("openblas" in path for path in libraries):
        sys.exit(f"torch uses {libraries or 'no shared BLAS'}, not OpenBLAS: sudo apt-get install -y libopenblas0")
    return next(path for path in libraries if "openblas" in path)


def log(message):
    print(message, file=sys.stderr, flush=True)


def median_seconds_per_call(fn, rounds=INFERENCE_ROUNDS, round_seconds=0.1, warmup=200):
    """Median over rounds of the mean time per call within a round, after a warm-up: what BenchmarkDotNet reports."""
    for _ in range(warmup):
        fn()
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < round_seconds:
        fn()
        calls += 1
    per_round = max(calls, 1)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            fn()
        samples.append((time.perf_counter() - start) / per_round)
    return statistics.median(samples)


def inference(torch):
    from models import cnn_network, w1_network, w4_network
    results = {}
    with torch.inference_mode():
        w1 = w1_network().eval()
        x1 = torch.rand(1, 784)
        results["w1Seconds"] = median_seconds_per_call(lambda: w1(x1))
        x64 = torch.rand(64, 784)
        results["w2Seconds"] = median_seconds_per_call(lambda: w1(x64))
        w4 = w4_network().eval()
        x4 = torch.tensor([[0.25, -0.75]])
        results["w4Seconds"] = median_seconds_per_call(lambda: w4(x4))
        cnn = cnn_network().eval()
        x5 = torch.rand(1, 1, 28, 28)
        results["w5Seconds"] = median_seconds_per_call(lambda: cnn(x5), warmup=50)
        x6 = torch.rand(64, 1, 28, 28)
        results["w6Seconds"] = median_seconds_per_call(lambda: cnn(x6), warmup=5)
    for key in ("w1Seconds", "w2Seconds", "w4Seconds", "w5Seconds", "w6Seconds"):
        log(f"{key[:2].upper()}: {results[key] * 1e6:.2f} us")
    return results


SHUFFLE_SEED = 7  # BenchmarkData.ShuffleSeed on the C# side
MASK64 = (1 << 64) - 1


def shuffled_order(count, seed):
    """Fisher-Yates with SplitMix64: the permutation BenchmarkData.ShuffledOrder computes in C#, so both sides train on
    the same batches in the same order from the same weights, and their accuracies after an epoch are comparable."""
    order, state = list(range(count)), seed
    for i in range(count - 1, 0, -1):
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        z ^= z >> 31
        j = z % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def load_data(torch):
    """Fashion-MNIST (pixels / 255, as Neuroslyn's loader) in the shared shuffled order, or random data."""
    def idx(path):
        with gzip.open(path, "rb") as f:
            data = f.read()
        dims = data[3]
        shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
        return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)

    files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    if all(os.path.exists(os.path.join(FASHION_MNIST, name)) for name in files):
        train_x, train_y, test_x, test_y = (idx(os.path.join(FASHION_MNIST, name)) for name in files)
        order = torch.tensor(shuffled_order(train_x.shape[0], SHUFFLE_SEED))
        train_x = (train_x.reshape(-1, 784).float() / 255)[order].contiguous()
        train_y = train_y.long()[order].contiguous()
        test_x = test_x.reshape(-1, 784).float() / 255
        return train_x, train_y, test_x, test_y.long(), FASHION_MNIST
    generator = torch.Generator().manual_seed(7)
    train_x = torch.rand(EPOCH_SAMPLES, 784, generator=generator)
    train_y = torch.randint(0, 10, (EPOCH_SAMPLES,), generator=generator)
    return train_x, train_y, None, None, "random data (Fashion-MNIST not installed)"


def training(torch, threads):
    """W3: epochs of Adam (lr 1e-3) on batches of 32 from the W1 weights; samples/s per epoch, median over epochs."""
    trainer = Trainer(torch)
    rates, accuracy = [], None
    for epoch in range(TRAINING_EPOCHS):
        rates.append(trainer.epoch())
        if epoch == 0:
            accuracy = trainer.accuracy()
    rate = statistics.median(rates)
    log(f"W3 {threads} thread(s), OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'default')}: {rate:,.0f} samples/s (epochs: {', '.join(f'{r:,.0f}' for r in rates)}), accuracy after one epoch {accuracy}, data {trainer.source}")
    suffix = "1Thread" if threads == 1 else f"{threads}Threads"
    order = ",".join(str(i) for i in shuffled_order(EPOCH_SAMPLES, SHUFFLE_SEED)[:8])
    return {f"w3SamplesPerSecond{suffix}": rate, f"w3Accuracy{suffix}": accuracy, "data": trainer.source, "order": order}


def serve_rounds(threads, workload):
    """--serve: timed rounds on request, for the C# suite's --interleaved-training mode, which alternates them with its
    own: a W3 round is an epoch, a W7 round a segment of W7_SEGMENT_BATCHES batches continuing through the epoch. Prints
    "ready" once the data and model are loaded, then one samples/s line for every "round" line read; stops at end of input."""
    import torch
    torch.set_num_threads(threads)
    loaded_blas(torch)
    if workload == "w3":
        trainer = Trainer(torch)
        run = trainer.epoch
    elif workload == "w7":
        trainer = Trainer(torch, cnn=True)
        run = lambda: trainer.segment(W7_SEGMENT_BATCHES)
    else:
        sys.exit(f"pytorch_bench.py --serve: unknown workload {workload!r} (w3 or w7)")
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            sys.exit(f"pytorch_bench.py --serve: expected 'round', read {line.strip()!r}")
        print(f"{run():.1f}", flush=True)


def cnn_training(torch, threads):
    """W7: the CNN with Adam (lr 1e-3) on batches of 64 from the cnn weights, timed in segments of W7_SEGMENT_BATCHES
    batches (median samples/s). One thread trains a whole epoch, every segment timed, then scores the test set; each
    two-thread candidate times W7_SEGMENTS_2_THREADS segments (its accuracy would be the same epoch again)."""
    trainer = Trainer(torch, cnn=True)
    rates = []
    if threads == 1:
        while trainer.position < trainer.batches:
            rates.append(trainer.segment(min(W7_SEGMENT_BATCHES, trainer.batches - trainer.position)))
        accuracy = trainer.accuracy()
    else:
        rates = [trainer.segment(W7_SEGMENT_BATCHES) for _ in range(W7_SEGMENTS_2_THREADS)]
        accuracy = None
    # The last segment of the epoch is shorter: leave it out of the median when there are full ones.
    full = rates[:-1] if threads == 1 and len(rates) > 1 and trainer.batches % W7_SEGMENT_BATCHES else rates
    rate = statistics.median(full)
    log(f"W7 {threads} thread(s), OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'default')}: {rate:,.0f} samples/s (segments: {', '.join(f'{r:,.0f}' for r in rates)}), accuracy after one epoch {accuracy}")
    suffix = "1Thread" if threads == 1 else f"{threads}Threads"
    result = {f"w7SamplesPerSecond{suffix}": rate}
    if threads == 1:
        result["w7Accuracy1Thread"] = accuracy
    return result


class Trainer:
    """The W3 model (or with cnn=True the W7 CNN, on 1x28x28 views of the same pixels, batches of 64), its optimizer and
    data; each epoch() or segment() continues training where the last one stopped."""

    def __init__(self, torch, cnn=False):
        from torch import nn
        from models import cnn_network, w1_network
        self.torch = torch
        self.train_x, self.train_y, self.test_x, self.test_y, self.source = load_data(torch)
        if cnn:
            self.train_x = self.train_x.reshape(-1, 1, 28, 28)
            self.test_x = None if self.test_x is None else self.test_x.reshape(-1, 1, 28, 28)
        self.model = cnn_network() if cnn else w1_network()
        self.batch = W7_BATCH if cnn else BATCH
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.loss_fn = nn.CrossEntropyLoss()
        self.batches = self.train_x.shape[0] // self.batch
        self.samples = self.batches * self.batch
        self.position = 0  # the next batch of the epoch, for segment()

    def epoch(self):
        """One epoch; returns samples/s."""
        self.model.train()
        start = time.perf_counter()
        for begin in range(0, self.samples, self.batch):
            self.step(begin)
        return self.samples / (time.perf_counter() - start)

    def segment(self, batches):
        """The next `batches` batches of the epoch, wrapping at its end (as W7CnnTraining does); returns samples/s."""
        self.model.train()
        start = time.perf_counter()
        for i in range(batches):
            self.step(((self.position + i) % self.batches) * self.batch)
        seconds = time.perf_counter() - start
        self.position += batches
        return batches * self.batch / seconds

    def step(self, begin):
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.loss_fn(self.model(self.train_x[begin:begin + self.batch]), self.train_y[begin:begin + self.batch])
        loss.backward()
        self.optimizer.step()

    def accuracy(self):
        """Test accuracy, or None without Fashion-MNIST."""
        if self.test_x is None:
            return None
        self.model.eval()
        with self.torch.inference_mode():
            return (self.model(self.test_x).argmax(dim=1) == self.test_y).float().mean().item()


if __name__ == "__main__":
    main()
