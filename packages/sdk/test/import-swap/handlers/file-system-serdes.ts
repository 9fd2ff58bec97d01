// File-system serdes: createFileSystemSerdes in ALWAYS mode with a buildPreview preview (URI paths) for one step,
// and in OVERFLOW mode (HASH paths) as the context's default serdes, so a large step result goes to a file and a
// small one stays inline. A wait in between makes the second invocation replay what the first one stored.
import {
  buildPreview,
  createFileSystemSerdes,
  FieldMatchMode,
  FileSystemPathEncoding,
  FileSystemSerdesMode,
  PreviewMode,
  withDurableExecution,
  type FileSystemSerdesConfig,
  type PreviewConfig,
  type PreviewField,
} from "durable-lambda";

interface OrderEvent {
  orderId: string;
  email: string;
}

interface Order {
  orderId: string;
  status: string;
  customer: { name: string; email: string };
  lines: { sku: string; quantity: number }[];
}

const maskedCustomerFields: PreviewField[] = [
  { name: "customer.email", match: FieldMatchMode.PATH },
  { name: "card" },
];

const orderPreview: PreviewConfig = {
  mode: PreviewMode.EXCLUDE_ALL,
  include: [{ name: "orderId" }, { name: "status" }],
  mask: maskedCustomerFields,
  maskString: "[redacted]",
  maxPreviewBytes: 512,
};

/** Where the shared mount is: an EFS or S3 Files mount in a deployment, a temporary folder in tests. */
function mountPath(): string {
  return process.env["ORDER_ARCHIVE_MOUNT"] ?? "/mnt/efs/orders";
}

export const handler = withDurableExecution(async (event: OrderEvent, context) => {
  const archiveConfig: FileSystemSerdesConfig = {
    storageMode: FileSystemSerdesMode.ALWAYS,
    pathEncoding: FileSystemPathEncoding.URI,
    generatePreview: (value) => buildPreview(value, orderPreview),
  };
  context.configureSerdes({
    defaultSerdes: createFileSystemSerdes(mountPath(), {
      storageMode: FileSystemSerdesMode.OVERFLOW,
      pathEncoding: FileSystemPathEncoding.HASH,
    }),
  });

  const order: Order = await context.step(
    "load-order",
    async (): Promise<Order> => ({
      orderId: event.orderId,
      status: "received",
      customer: { name: "Ann", email: event.email },
      lines: [
        { sku: "kettle", quantity: 1 },
        { sku: "mug", quantity: 4 },
      ],
    }),
    { serdes: createFileSystemSerdes(mountPath(), archiveConfig) },
  );
  await context.wait("settle", { seconds: 5 });
  // About 300 KB: over the inline limit, so the default serdes writes it to a file.
  const catalogue = await context.step("build-catalogue", async () =>
    Array.from({ length: 6000 }, (_, index) => ({ sku: `sku-${index}`, title: "x".repeat(30) })),
  );
  const counts = await context.step("count-lines", async () => ({
    lines: order.lines.length,
    units: order.lines.reduce((sum, line) => sum + line.quantity, 0),
  }));
  return {
    orderId: order.orderId,
    email: order.customer.email,
    catalogueSize: catalogue.length,
    lastSku: catalogue.at(-1)?.sku,
    ...counts,
  };
});
