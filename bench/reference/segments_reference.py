#!/usr/bin/python3
"""Reference numbers for the segment model, computed the way the original Python project did.

Run: /usr/bin/python3 bench/reference/segments_reference.py [data/online_retail.csv.gz]
Needs pandas and scikit-learn (Debian: apt-get install -y python3-pandas python3-sklearn).

Cleaning: drop rows without CustomerID, cancelled invoices (InvoiceNo starting with C),
Quantity <= 0, UnitPrice <= 0. RFM: snapshot = max(InvoiceDate) + 1 day,
recency = (snapshot - last invoice).days, frequency = distinct invoices,
monetary = sum(Quantity * UnitPrice). Then log1p (or none) + StandardScaler + KMeans.
Prints one JSON document; the TypeScript tests compare against the k = 4 log1p numbers.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

path = sys.argv[1] if len(sys.argv) > 1 else 'data/online_retail.csv.gz'
df = pd.read_csv(path, dtype={'CustomerID': str, 'InvoiceNo': str, 'StockCode': str},
                 parse_dates=['InvoiceDate'])
df = df.dropna(subset=['CustomerID'])
df = df[~df['InvoiceNo'].str.startswith('C')]
df = df[(df['Quantity'] > 0) & (df['UnitPrice'] > 0)]
df['TotalPrice'] = df['Quantity'] * df['UnitPrice']

snapshot = df['InvoiceDate'].max() + pd.Timedelta(days=1)
rfm = df.groupby('CustomerID').agg(
    recency=('InvoiceDate', lambda d: (snapshot - d.max()).days),
    frequency=('InvoiceNo', 'nunique'),
    monetary=('TotalPrice', 'sum'),
)

out = {
    'rows': int(len(df)),
    'customers': int(len(rfm)),
    'snapshot': snapshot.isoformat(),
    'rfmSums': {c: float(rfm[c].sum()) for c in rfm.columns},
    'results': {},
}
for transform in ('log1p', 'none'):
    features = rfm[['recency', 'frequency', 'monetary']].to_numpy(dtype=float)
    if transform == 'log1p':
        features = np.log1p(features)
    scaled = StandardScaler().fit_transform(features)
    sweep = []
    started = time.perf_counter()
    for k in range(2, 11):
        model = KMeans(n_clusters=k, n_init=10, random_state=42).fit(scaled)
        sweep.append({
            'k': k,
            'inertia': float(model.inertia_),
            'silhouette': float(silhouette_score(scaled, model.labels_)),
            'sizes': sorted(np.bincount(model.labels_).tolist(), reverse=True),
        })
    out['results'][transform] = {'sweep': sweep, 'sweepSeconds': time.perf_counter() - started}

k4 = KMeans(n_clusters=4, n_init=10, random_state=42).fit(
    StandardScaler().fit_transform(np.log1p(rfm[['recency', 'frequency', 'monetary']].to_numpy(dtype=float))))
centroids = pd.DataFrame(np.expm1(StandardScaler().fit(np.log1p(rfm.to_numpy(dtype=float))).inverse_transform(k4.cluster_centers_)),
                         columns=['recency', 'frequency', 'monetary'])
centroids['size'] = np.bincount(k4.labels_)
out['k4log1pCentroids'] = centroids.sort_values('monetary', ascending=False).to_dict(orient='records')
print(json.dumps(out, indent=2))
