"""PyOD reference outputs for the TypeScript detector library.

Modes:
  fixtures   Writes tests/fixtures/pyod/: the train/test split of every
             dataset, then for each deterministic detector and dataset the
             decision scores on train and test, the threshold and the labels,
             plus IForest's test ROC-AUC over seeds 0..4.
             With --detectors, writes only the listed added detectors (see
             ADDED_DETERMINISTIC and RANDOMISED; randomised ones go to
             randomised-auc.json).
  timing     Prints one JSON line per detector x dataset with the fit+score
             time in seconds and the test ROC-AUC (read by bench/detectors.ts).

Split (shared by both modes and by the TypeScript tests): the rows of each
dataset are permuted with numpy.random.RandomState(SPLIT_SEED).permutation(n);
the first floor(0.7 n) permuted rows are the training rows, the rest the test
rows, both in permuted order. Features are min-max scaled with a MinMaxScaler
fitted on the training rows (as ADBench does). Unlike ADBench, small datasets
are not resampled to 1000 rows.

Run through bench/reference/setup.sh's virtual environment:
  bench/reference/.venv/bin/python bench/reference/pyod_reference.py fixtures
"""

import argparse
import json
import math
import time
from pathlib import Path

import numpy as np
import pyod
import scipy
import sklearn
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import MinMaxScaler

REPO = Path(__file__).resolve().parents[2]
DATASETS_DIR = REPO.parent / "shared" / "datasets" / "adbench"
FIXTURES_DIR = REPO / "tests" / "fixtures" / "pyod"
DATASETS = ["cardio", "thyroid", "breastw", "pima", "ionosphere", "vowels", "annthyroid", "satellite"]
SPLIT_SEED = 42
TRAIN_SHARE = 0.7
IFOREST_SEEDS = [0, 1, 2, 3, 4]


def make_detector(name, seed=None):
    """Returns a PyOD detector with PyOD's defaults for our registry name."""
    from pyod.models.copod import COPOD
    from pyod.models.ecod import ECOD
    from pyod.models.gmm import GMM
    from pyod.models.hbos import HBOS
    from pyod.models.iforest import IForest
    from pyod.models.kde import KDE
    from pyod.models.knn import KNN
    from pyod.models.lof import LOF
    from pyod.models.mad import MAD
    from pyod.models.mcd import MCD
    from pyod.models.pca import PCA
    from pyod.models.abod import ABOD
    from pyod.models.cblof import CBLOF
    from pyod.models.cof import COF
    from pyod.models.feature_bagging import FeatureBagging
    from pyod.models.inne import INNE
    from pyod.models.loda import LODA
    from pyod.models.lscp import LSCP
    from pyod.models.ocsvm import OCSVM
    from pyod.models.sod import SOD
    from pyod.models.sos import SOS

    factories = {
        "ecod": lambda: ECOD(),
        "copod": lambda: COPOD(),
        "hbos": lambda: HBOS(),
        "knn": lambda: KNN(method="largest"),
        "knn-mean": lambda: KNN(method="mean"),
        "knn-median": lambda: KNN(method="median"),
        "lof": lambda: LOF(),
        "pca": lambda: PCA(),
        "kde": lambda: KDE(),
        "gmm": lambda: GMM(),
        "mad": lambda: MAD(),
        "mcd": lambda: MCD(random_state=seed),
        "iforest": lambda: IForest(random_state=seed),
        "ocsvm": lambda: OCSVM(),
        "cblof": lambda: CBLOF(clustering_estimator=FirstRowsKMeans(n_clusters=8)),
        "cof": lambda: COF(),
        "sod": lambda: SOD(),
        "abod": lambda: ABOD(),
        "sos": lambda: SOS(),
        "inne": lambda: INNE(random_state=seed),
        "loda": lambda: LODA(random_state=seed),
        "feature-bagging": lambda: FeatureBagging(random_state=seed),
        "lscp": lambda: LSCP(lscp_detector_list(), random_state=seed),
    }
    return factories[name]()


def lscp_detector_list():
    """LSCP has no default detector_list; this is the LOF list of PyOD's LSCP example, also the TypeScript default."""
    from pyod.models.lof import LOF

    return [LOF(n_neighbors=k) for k in (15, 20, 25, 35)]


class FirstRowsKMeans:
    """scikit-learn KMeans started from the first n_clusters training rows (n_init=1).

    PyOD's CBLOF default is KMeans(n_clusters=8) with k-means++ seeding; fixed
    starting centres make the clustering deterministic, so the TypeScript CBLOF
    (which uses the same rule) can be compared row by row.
    """

    def __init__(self, n_clusters):
        self.n_clusters = n_clusters

    def fit(self, X, y=None):
        from sklearn.cluster import KMeans

        self.estimator_ = KMeans(n_clusters=self.n_clusters, init=X[: self.n_clusters], n_init=1).fit(X)
        self.labels_ = self.estimator_.labels_
        self.cluster_centers_ = self.estimator_.cluster_centers_
        return self

    def predict(self, X):
        return self.estimator_.predict(X)


# Deterministic under PyOD's defaults; MCD and IForest depend on a random state.
DETERMINISTIC = ["ecod", "copod", "hbos", "knn", "knn-mean", "knn-median", "lof", "pca", "kde", "gmm", "mad"]
# Deterministic detectors added later; their fixtures are written by `fixtures --detectors ...`.
ADDED_DETERMINISTIC = ["ocsvm", "cblof", "cof", "sod", "abod", "sos"]
# Randomised detectors whose test ROC-AUC over RANDOMISED_SEEDS is recorded in randomised-auc.json.
RANDOMISED = ["inne", "loda", "feature-bagging", "lscp"]
RANDOMISED_SEEDS = [0, 1, 2, 3, 4]
ALL_DETECTORS = DETERMINISTIC + ["mcd", "iforest"] + ADDED_DETERMINISTIC + RANDOMISED

# Detectors whose cost grows with the square of the row count are fitted on the
# first TRAIN_ROW_LIMIT training rows and scored on the first TEST_ROW_LIMIT
# test rows (both in split order), so the TypeScript tests stay fast.
# LSCP is limited too: it runs 20 subspace neighbour searches per scoring call.
ROW_LIMITED = {"ocsvm", "cof", "sod", "abod", "sos", "lscp"}
TRAIN_ROW_LIMIT = 1000
TEST_ROW_LIMIT = 500


def load_dataset(name):
    """Reads a dataset CSV: features f0..f{d-1}, then the 0/1 label."""
    path = DATASETS_DIR / f"{name}.csv"
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return table[:, :-1], table[:, -1].astype(int)


def split(name):
    X, y = load_dataset(name)
    order = np.random.RandomState(SPLIT_SEED).permutation(X.shape[0])
    n_train = int(math.floor(TRAIN_SHARE * X.shape[0]))
    train, test = order[:n_train], order[n_train:]
    scaler = MinMaxScaler().fit(X[train])
    return {
        "train_index": train,
        "test_index": test,
        "X_train": scaler.transform(X[train]),
        "X_test": scaler.transform(X[test]),
        "y_train": y[train],
        "y_test": y[test],
    }


def detector_input(name, X, limit=None):
    """Returns the features a detector is given: MAD gets only the first one, row-limited detectors the first `limit` rows."""
    if name == "mad":
        return X[:, :1]
    if name in ROW_LIMITED and limit is not None:
        return X[:limit]
    return X


def versions():
    return {"pyod": pyod.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__}


def floats(values):
    """Full-precision floats; non-finite values become the strings "Infinity", "-Infinity" or "NaN" (strict JSON has no such numbers)."""
    out = []
    for v in np.asarray(values, dtype=np.float64).ravel():
        v = float(v)
        if math.isfinite(v):
            out.append(v)
        elif math.isnan(v):
            out.append("NaN")
        elif v > 0:
            out.append("Infinity")
        else:
            out.append("-Infinity")
    return out


def write_json(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, allow_nan=False, separators=(",", ":")) + "\n")


def fixture_for(name, data):
    detector = make_detector(name, seed=0)
    X_train = detector_input(name, data["X_train"], TRAIN_ROW_LIMIT)
    X_test = detector_input(name, data["X_test"], TEST_ROW_LIMIT)
    detector.fit(X_train)
    payload = {
        "trainScores": floats(detector.decision_scores_),
        "testScores": floats(detector.decision_function(X_test)),
        "threshold": floats([detector.threshold_])[0],
        "trainLabels": [int(v) for v in detector.labels_],
        "testLabels": [int(v) for v in detector.predict(X_test)],
    }
    if name == "knn":
        payload["testProbaLinear"] = floats(detector.predict_proba(X_test, method="linear")[:, 1])
        payload["testProbaUnify"] = floats(detector.predict_proba(X_test, method="unify")[:, 1])
        payload["testConfidence"] = floats(detector.predict_confidence(X_test))
    return payload


def write_added_fixtures(detectors):
    """Writes fixtures only for the listed added detectors, leaving the others untouched."""
    randomised_auc = {"versions": versions(), "seeds": RANDOMISED_SEEDS, "detectors": {}}
    for dataset in DATASETS:
        data = split(dataset)
        for name in detectors:
            if name in RANDOMISED:
                X_train = detector_input(name, data["X_train"], TRAIN_ROW_LIMIT)
                X_test = detector_input(name, data["X_test"], TEST_ROW_LIMIT)
                y_test = data["y_test"][: X_test.shape[0]]
                entry = randomised_auc["detectors"].setdefault(name, {})
                try:
                    aucs = []
                    for seed in RANDOMISED_SEEDS:
                        detector = make_detector(name, seed=seed).fit(X_train)
                        aucs.append(roc_auc_score(y_test, detector.decision_function(X_test)))
                    entry[dataset] = {"aucs": aucs, "mean": float(np.mean(aucs))}
                except ValueError as error:
                    # PyOD's LSCP raises from numpy.histogram when a row's correlations span
                    # too small a range for n_bins finite bins; the failure is recorded instead.
                    entry[dataset] = {"error": f"seed {seed}: {error}"}
            else:
                payload = {"detector": name, "dataset": dataset, "versions": versions(), **fixture_for(name, data)}
                write_json(FIXTURES_DIR / name / f"{dataset}.json", payload)
        print(f"added fixtures written for {dataset}", flush=True)
    if randomised_auc["detectors"]:
        path = FIXTURES_DIR / "randomised-auc.json"
        if path.exists():
            previous = json.loads(path.read_text())
            previous["detectors"].update(randomised_auc["detectors"])
            randomised_auc["detectors"] = previous["detectors"]
        write_json(path, randomised_auc)


def write_fixtures():
    meta = {"versions": versions(), "splitSeed": SPLIT_SEED, "trainShare": TRAIN_SHARE, "datasets": DATASETS}
    write_json(FIXTURES_DIR / "meta.json", meta)
    iforest_auc = {"versions": versions(), "seeds": IFOREST_SEEDS, "datasets": {}}
    for dataset in DATASETS:
        data = split(dataset)
        write_json(FIXTURES_DIR / "splits" / f"{dataset}.json",
                   {"dataset": dataset, "train": [int(i) for i in data["train_index"]], "test": [int(i) for i in data["test_index"]]})
        for name in DETERMINISTIC + ["mcd"] + ADDED_DETERMINISTIC:
            payload = {"detector": name, "dataset": dataset, "versions": versions(), **fixture_for(name, data)}
            write_json(FIXTURES_DIR / name / f"{dataset}.json", payload)
        aucs = []
        for seed in IFOREST_SEEDS:
            detector = make_detector("iforest", seed=seed).fit(data["X_train"])
            aucs.append(roc_auc_score(data["y_test"], detector.decision_function(data["X_test"])))
        iforest_auc["datasets"][dataset] = {"aucs": aucs, "mean": float(np.mean(aucs))}
        print(f"fixtures written for {dataset}", flush=True)
    write_json(FIXTURES_DIR / "iforest-auc.json", iforest_auc)


def run_timing(detectors, datasets, repeats):
    """Prints the best-of-`repeats` fit+score time and the test ROC-AUC per detector x dataset."""
    for dataset in datasets:
        data = split(dataset)
        for name in detectors:
            X_train = detector_input(name, data["X_train"], TRAIN_ROW_LIMIT)
            X_test = detector_input(name, data["X_test"], TEST_ROW_LIMIT)
            y_test = data["y_test"][: X_test.shape[0]]
            best = math.inf
            for _ in range(repeats):
                detector = make_detector(name, seed=0)
                started = time.perf_counter()
                detector.fit(X_train)
                scores = detector.decision_function(X_test)
                best = min(best, time.perf_counter() - started)
            # PyOD's PCA returns infinite scores on some datasets; their ROC-AUC is undefined (null).
            auc = roc_auc_score(y_test, scores) if np.all(np.isfinite(scores)) else None
            print(json.dumps({"detector": name, "dataset": dataset, "seconds": best, "auc": auc}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["fixtures", "timing"])
    parser.add_argument("--detectors", default=",".join(ALL_DETECTORS),
                        help="comma-separated registry names; in fixtures mode, only these added detectors are written")
    parser.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated dataset names (timing mode)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per pair; the fastest counts (timing mode)")
    args = parser.parse_args()
    if args.mode == "fixtures" and args.detectors != ",".join(ALL_DETECTORS):
        write_added_fixtures(args.detectors.split(","))
    elif args.mode == "fixtures":
        write_fixtures()
    else:
        run_timing(args.detectors.split(","), args.datasets.split(","), args.repeats)


if __name__ == "__main__":
    main()
