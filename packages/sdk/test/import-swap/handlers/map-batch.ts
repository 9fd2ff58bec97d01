// map: both overloads and every MapConfig field (maxConcurrency, itemNamer, completionConfig, itemSerdes, serdes,
// summaryGenerator, nesting), a map nested in a map iteration, and the BatchResult accessors.
import {
  BatchItemStatus,
  NestingType,
  withDurableExecution,
  type MapConfig,
  type Serdes,
} from "durable-lambda";

export interface Shipment {
  id: string;
  weightKg: number;
}

const labelSerdes: Serdes<string> = {
  serialize: async (label) => (label === undefined ? undefined : `label:${label}`),
  deserialize: async (data) => (data === undefined ? undefined : data.replace(/^label:/, "")),
};

const labelConfig: MapConfig<Shipment, string> = {
  maxConcurrency: 1,
  itemNamer: (shipment, index) => `ship-${index}-${shipment.id}`,
  completionConfig: { toleratedFailureCount: 1 },
  itemSerdes: labelSerdes,
  summaryGenerator: (result) => `${result.successCount}/${result.totalCount} labelled`,
  nesting: NestingType.NESTED,
};

export const handler = withDurableExecution(async (shipments: Shipment[], context) => {
  const labels = await context.map(
    "print-labels",
    shipments,
    async (item, shipment) => {
      if (shipment.weightKg > 30) throw new Error(`${shipment.id} is too heavy`);
      return item.step(async () => `${shipment.id}/${shipment.weightKg}kg`);
    },
    labelConfig,
  );
  const weights = await context.map(
    shipments.map((shipment) => shipment.weightKg),
    async (_item, weight) => weight * 2.2,
    { maxConcurrency: 2, nesting: NestingType.FLAT, completionConfig: { minSuccessful: 2 } },
  );
  const grid = await context.map(
    "grid",
    [1, 2],
    async (row, n) => {
      const cells = await row.map(`row-${n}`, [10, 20], async (_cell, m) => n * m, { maxConcurrency: 1 });
      return cells.getResults();
    },
    { maxConcurrency: 1 },
  );
  return {
    labels: {
      results: labels.getResults(),
      status: labels.status,
      completionReason: labels.completionReason,
      hasFailure: labels.hasFailure,
      counts: [labels.successCount, labels.failureCount, labels.startedCount, labels.totalCount],
      statuses: labels.all.map((item) => item.status),
      failedIndexes: labels.failed().map((item) => item.index),
      errors: labels.getErrors().map((error) => error.message),
      succeeded: labels.succeeded().map((item) => item.result),
      started: labels.started().length,
      allSucceeded: labels.all.every((item) => item.status === BatchItemStatus.SUCCEEDED),
    },
    weights: { completionReason: weights.completionReason, succeeded: weights.successCount },
    grid: grid.getResults(),
  };
});
