/**
 * Sparse vectors and row-major sparse matrices of TF-IDF features, the currency between the
 * feature extractor, the neighbour index and the linear model.
 */

/** A sparse vector: feature ids in ascending order and their weights. */
export interface FeatureVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  /**
   * Share (0..1) of the text's own weight that falls on features the knowledge base knows; a query
   * made mostly of unknown words has a low coverage.
   */
  readonly coverage: number;
}

/** Rows of sparse vectors stored back to back (CSR): row r is `indices[indptr[r]..indptr[r+1])`. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The empty vector (a text with no known feature). */
export const emptyFeatureVector: FeatureVector = Object.freeze({ indices: new Int32Array(0), values: new Float32Array(0), coverage: 0 });

/** Stacks vectors into one matrix with `cols` columns. */
export function featureMatrixOf(vectors: readonly FeatureVector[], cols: number): FeatureMatrix {
  const indptr = new Int32Array(vectors.length + 1);
  let nnz = 0;
  vectors.forEach((v, r) => {
    nnz += v.indices.length;
    indptr[r + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  vectors.forEach((v, r) => {
    const start = indptr[r] ?? 0;
    indices.set(v.indices, start);
    values.set(v.values, start);
  });
  return { rows: vectors.length, cols, indptr, indices, values };
}
