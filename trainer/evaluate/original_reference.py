#!/usr/bin/python3
"""Reference run of the evaluation's baselines in pandas + scikit-learn (`npm run evaluate -- --reference`).

The TypeScript evaluation reproduces the original recommender (cosine_similarity over a
customer x Description pivot of summed Quantity, dense) but must give each row its stock code's
most frequent description: the trainer's table keeps no per-row description. This script runs
the same protocol (cleaning, chronological split, customers, relevance, basket aggregation,
exclusions, tie order, metrics: see trainer/evaluate/*.ts) in pandas twice:

- "per-code": rows labelled like the TypeScript evaluation -> must equal its numbers exactly;
- "per-row": the real per-row Description, as the original notebook pivoted -> the faithful number.

It also scores the most-popular baseline (must equal the TypeScript one). Prints one JSON line.
Usage: /usr/bin/python3 trainer/evaluate/original_reference.py --input FILE [--evaluation-days 90 | --cutoff ISO]
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd
from sklearn.metrics.pairwise import cosine_similarity

# trainer/non-product-codes.ts
NON_PRODUCT_CODES = {"POST", "DOT", "C2", "M", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS"}
NON_PRODUCT_PREFIXES = ("GIFT_0001_",)
KS = (10, 5)


def load(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "Invoice" in df.columns:  # Online Retail II names
        df = df.rename(columns={"Invoice": "InvoiceNo", "Price": "UnitPrice", "Customer ID": "CustomerID"})
    df["Quantity"] = pd.to_numeric(df["Quantity"])
    df["UnitPrice"] = pd.to_numeric(df["UnitPrice"])
    df["CustomerID"] = df["CustomerID"].str.strip().str.replace(r"\.0$", "", regex=True)
    # the original's cleaning, in its order
    df = df[df["CustomerID"] != ""]
    df = df[~df["InvoiceNo"].str.upper().str.startswith("C")]
    df = df[df["Quantity"] > 0]
    df = df[df["UnitPrice"] > 0]
    df = df.copy()
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
    df["code"] = df["StockCode"].str.strip().str.upper()
    df["recommendable"] = ~(df["code"].isin(NON_PRODUCT_CODES) | df["code"].str.startswith(NON_PRODUCT_PREFIXES))
    df["per_row"] = df["Description"].str.strip().replace("", np.nan)
    counts = df.dropna(subset=["per_row"]).groupby(["code", "per_row"]).size().reset_index(name="n")
    counts = counts.sort_values(["code", "n", "per_row"], ascending=[True, False, True])
    df["per_code"] = df["code"].map(counts.drop_duplicates("code").set_index("code")["per_row"])
    return df


def score(lists, ks=KS):
    out = {}
    for k in ks:
        hr = p = r = nd = ap = 0.0
        for ranked, relevant in lists:
            hits = 0
            dcg = 0.0
            precisions = 0.0
            for i, item in enumerate(ranked[:k]):
                if item in relevant:
                    hits += 1
                    dcg += 1 / np.log2(i + 2)
                    precisions += hits / (i + 1)
            ideal = min(len(relevant), k)
            hr += hits > 0
            p += hits / k
            r += hits / len(relevant)
            nd += dcg / sum(1 / np.log2(i + 2) for i in range(ideal))
            ap += precisions / ideal
        n = len(lists)
        out[f"at{k}"] = {"hitRate": hr / n, "precision": p / n, "recall": r / n, "ndcg": nd / n, "map": ap / n}
    return out


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--evaluation-days", type=int, default=90)
    parser.add_argument("--cutoff")
    args = parser.parse_args(argv)

    df = load(args.input)
    if args.cutoff:
        cutoff = pd.Timestamp(args.cutoff)
        if cutoff.tzinfo is not None:  # invoice dates are UTC wall-clock times without a zone
            cutoff = cutoff.tz_convert(None)
    else:
        cutoff = df["InvoiceDate"].max() - pd.Timedelta(days=args.evaluation_days)
    train = df[df["InvoiceDate"] < cutoff]
    test = df[(df["InvoiceDate"] >= cutoff) & df["recommendable"]]
    history = train.groupby("CustomerID")["code"].apply(set)
    cases = []
    for customer, rows in test.groupby("CustomerID", sort=False):
        if customer not in history.index:
            continue
        new = rows[~rows["code"].isin(history[customer])]
        if len(new) > 0:
            cases.append((customer, new))

    recommendable = train[train["recommendable"]]
    catalogue = set(recommendable["code"])
    ranking = (recommendable.groupby("code").agg(customers=("CustomerID", "nunique"), quantity=("Quantity", "sum"))
               .reset_index().sort_values(["customers", "quantity", "code"], ascending=[False, False, True])["code"].tolist())
    popular = [([c for c in ranking if c not in history[customer]][:10], set(new["code"])) for customer, new in cases]
    result = {"cutoff": cutoff.isoformat(), "customers": len(cases),
              "mostPopular": {**score(popular), "coverage": len({c for ranked, _ in popular for c in ranked}) / len(catalogue)}}

    for labels in ("per_code", "per_row"):
        pivot = train.pivot_table(index="CustomerID", columns=labels, values="Quantity", aggfunc="sum").fillna(0)
        names = list(pivot.columns)
        similarity = cosine_similarity(pivot.T.values)
        column = {d: i for i, d in enumerate(names)}
        bought = train.dropna(subset=[labels]).groupby("CustomerID")[labels].apply(lambda s: sorted({column[d] for d in s}))
        lists = []
        for customer, new in cases:
            seen = bought.get(customer, [])
            scores = similarity[seen].sum(axis=0) if seen else np.zeros(len(names))
            scores[seen] = -np.inf
            top = np.lexsort((np.arange(len(names)), -scores))[:10]
            lists.append(([names[i] for i in top], set(new[labels].dropna())))
        recommended = {d for ranked, _ in lists for d in ranked}
        covered = set(recommendable[recommendable[labels].isin(recommended)]["code"])
        result[f"original_{labels}"] = {**score(lists), "coverage": len(covered) / len(catalogue), "descriptions": len(names)}

    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
