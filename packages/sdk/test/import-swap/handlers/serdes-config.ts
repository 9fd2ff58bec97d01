// Serdes: configureSerdes (defaultSerdes, defaultCallbackDeserializer), createClassSerdes,
// createClassSerdesWithDates, defaultSerdes and the SerdesContext a serdes receives.
import {
  createClassSerdes,
  createClassSerdesWithDates,
  defaultSerdes,
  withDurableExecution,
  type Serdes,
  type SerdesContext,
} from "durable-lambda";

export class Invoice {
  number = "";
  amountCents = 0;
  issuedAt: Date = new Date(0);

  describe(): string {
    return `${this.number}: ${this.amountCents} cents`;
  }
}

export class Customer {
  name = "";
  tier = "standard";

  greeting(): string {
    return `Dear ${this.name} (${this.tier})`;
  }
}

/** The entity ids the tagging serdes saw, by invocation order (tests read it). */
export const serdesEntities: string[] = [];

/** Wraps the default serdes and records which operation it serialized for. */
const taggingSerdes: Serdes<unknown> = {
  serialize: async (value, serdesContext: SerdesContext) => {
    serdesEntities.push(serdesContext.entityId);
    return defaultSerdes.serialize(value, serdesContext);
  },
  deserialize: async (data, serdesContext) => defaultSerdes.deserialize(data, serdesContext),
};

export const handler = withDurableExecution(async (_event: unknown, context) => {
  context.configureSerdes({
    defaultSerdes: taggingSerdes,
    defaultCallbackDeserializer: {
      deserialize: async (data) => (data === undefined ? undefined : (JSON.parse(data) as unknown)),
    },
  });
  const invoice = await context.step(
    "issue-invoice",
    async () =>
      Object.assign(new Invoice(), {
        number: "INV-7",
        amountCents: 1999,
        issuedAt: new Date("2026-01-02T03:04:05.000Z"),
      }),
    { serdes: createClassSerdesWithDates(Invoice, ["issuedAt"]) },
  );
  const customer = await context.step(
    "load-customer",
    async () => Object.assign(new Customer(), { name: "Ada", tier: "gold" }),
    { serdes: createClassSerdes(Customer) },
  );
  const plain = await context.step("plain", async () => ({ ok: true }));
  const [payment] = await context.createCallback("payment-confirmation");
  const confirmation = await payment;
  await context.wait({ seconds: 1 });
  return {
    invoice: invoice.describe(),
    issuedYear: invoice.issuedAt.getUTCFullYear(),
    greeting: customer.greeting(),
    plain,
    confirmation,
  };
});
