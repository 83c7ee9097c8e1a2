import os

from factoid.workers import map_batches


def _square_with_pid(batch):
    return [(x * x, os.getpid()) for x in batch]


def test_one_job_runs_in_this_process_in_order():
    out = list(map_batches(_square_with_pid, ([i, i + 1] for i in range(0, 6, 2)), jobs=1))
    assert [v for batch in out for v, _ in batch] == [0, 1, 4, 9, 16, 25]
    assert {pid for batch in out for _, pid in batch} == {os.getpid()}


def test_two_jobs_keep_the_order_and_use_other_processes():
    batches = [[i] for i in range(20)]
    out = list(map_batches(_square_with_pid, iter(batches), jobs=2))
    assert [batch[0][0] for batch in out] == [i * i for i in range(20)]
    assert os.getpid() not in {batch[0][1] for batch in out}


def test_batches_are_pulled_lazily():
    pulled = []

    def source():
        for i in range(100):
            pulled.append(i)
            yield [i]

    results = map_batches(_square_with_pid, source(), jobs=2)
    next(results)
    assert len(pulled) <= 5  # at most two batches per worker in flight, plus the one awaited
    results.close()
