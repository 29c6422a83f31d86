#!/usr/bin/python3
"""The original "Shopper Spectrum" pipeline (pandas + scikit-learn), reproduced for benchmarks.

This is what the TypeScript trainer replaces, written the way the original notebook did it, so
that `npm run bench:train` compares like with like. Deliberately NOT optimised: the row-wise
lambda for recency, the full silhouette over every k, the dense customer x description pivot,
the dense products x products cosine matrix and its CSV dump are the original's choices, and
are exactly where its time and memory go.

Usage: /usr/bin/python3 bench/original/pipeline.py --input data/online_retail.csv.gz --out DIR
       [--k 4] [--log1p]

Prints one JSON line at the end: stage timings (seconds), rows, customers, inertia and
silhouette for the final k, and peak RSS (bytes).
"""
import argparse
import json
import os
import resource
import sys
import time

import joblib
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import StandardScaler


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", default="data/online_retail.csv.gz")
    parser.add_argument("--out", required=True, help="directory for the models and the similarity CSV")
    parser.add_argument("--k", type=int, default=4, help="final number of clusters (the original used 4)")
    parser.add_argument("--log1p", action="store_true",
                        help="log1p-transform RFM before scaling (the original did not)")
    return parser.parse_args(argv)


class Stopwatch:
    """Records the wall time of each named stage, in seconds."""

    def __init__(self):
        self.timings = {}
        self._last = time.perf_counter()

    def lap(self, name):
        now = time.perf_counter()
        self.timings[name] = round(now - self._last, 4)
        self._last = now


def peak_rss_bytes():
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv):
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()
    watch = Stopwatch()

    # --- read (pandas detects gzip from the extension) ---
    df = pd.read_csv(args.input)
    rows_read = len(df)
    watch.lap("read")

    # --- clean, in the original's order ---
    df = df.dropna(subset=["CustomerID"])
    df = df[~df["InvoiceNo"].astype(str).str.startswith("C")]
    df = df[df["Quantity"] > 0]
    df = df[df["UnitPrice"] > 0]
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
    df["TotalPrice"] = df["Quantity"] * df["UnitPrice"]
    watch.lap("clean")

    # --- RFM ---
    snapshot_date = df["InvoiceDate"].max() + pd.Timedelta(days=1)
    rfm = df.groupby("CustomerID").agg({
        "InvoiceDate": lambda x: (snapshot_date - x.max()).days,
        "InvoiceNo": "nunique",
        "TotalPrice": "sum",
    })
    rfm.columns = ["Recency", "Frequency", "Monetary"]
    watch.lap("rfm")

    # --- scaling (the original scaled the raw RFM values) ---
    features = np.log1p(rfm) if args.log1p else rfm
    scaler = StandardScaler()
    rfm_scaled = scaler.fit_transform(features)
    watch.lap("scale")

    # --- elbow and silhouette sweep ---
    sweep = []
    for k in range(2, 11):
        model = KMeans(n_clusters=k, n_init=10, random_state=42)
        model.fit(rfm_scaled)
        sweep.append({
            "k": k,
            "inertia": float(model.inertia_),
            "silhouette": float(silhouette_score(rfm_scaled, model.labels_)),
        })
    watch.lap("sweep")

    # --- final model ---
    kmeans = KMeans(n_clusters=args.k, n_init=10, random_state=42)
    rfm["Cluster"] = kmeans.fit_predict(rfm_scaled)
    final_inertia = float(kmeans.inertia_)
    final_silhouette = float(silhouette_score(rfm_scaled, rfm["Cluster"]))
    watch.lap("cluster")

    joblib.dump(kmeans, os.path.join(args.out, "kmeans_model.pkl"))
    joblib.dump(scaler, os.path.join(args.out, "scaler.pkl"))
    watch.lap("save_models")

    # --- item-based collaborative filtering, dense ---
    pivot = df.pivot_table(index="CustomerID", columns="Description", values="Quantity", aggfunc="sum")
    pivot = pivot.fillna(0)
    watch.lap("pivot")

    similarity = cosine_similarity(pivot.T)
    similarity_df = pd.DataFrame(similarity, index=pivot.columns, columns=pivot.columns)
    watch.lap("similarity")

    similarity_df.to_csv(os.path.join(args.out, "product_similarity.csv"))
    watch.lap("similarity_csv")

    def recommend(product_name, n=5):
        if product_name not in similarity_df.columns:
            return []
        scores = similarity_df[product_name].sort_values(ascending=False)
        return list(scores.iloc[1:n + 1].index)

    example_product = df["Description"].value_counts().index[0]
    example = recommend(example_product)
    watch.lap("recommend")

    print(json.dumps({
        "pipeline": "original-python",
        "rowsRead": rows_read,
        "rows": int(len(df)),
        "customers": int(len(rfm)),
        "products": int(pivot.shape[1]),
        "log1p": bool(args.log1p),
        "k": args.k,
        "inertia": final_inertia,
        "silhouette": final_silhouette,
        "sweep": sweep,
        "clusterSizes": [int(n) for n in rfm["Cluster"].value_counts().sort_index()],
        "recommendExample": {"product": example_product, "recommended": example},
        "timings": watch.timings,
        "totalSeconds": round(time.perf_counter() - started, 4),
        "peakRssBytes": peak_rss_bytes(),
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__,
                     "sklearn": __import__("sklearn").__version__, "numpy": np.__version__},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
