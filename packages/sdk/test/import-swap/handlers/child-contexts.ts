// Child contexts: both overloads and every ChildConfig field (serdes, subType, summaryGenerator, errorMapper),
// a result too large to checkpoint (rebuilt on replay), and ChildContextError.
import {
  ChildContextError,
  DurableOperationError,
  retryPresets,
  withDurableExecution,
  type ChildConfig,
  type Serdes,
} from "durable-lambda";

interface Address {
  street: string;
  city: string;
}

/** Stores an address as "street|city". */
const addressSerdes: Serdes<Address> = {
  serialize: async (address) => (address === undefined ? undefined : `${address.street}|${address.city}`),
  deserialize: async (data) => {
    if (data === undefined) return undefined;
    const [street = "", city = ""] = data.split("|");
    return { street, city };
  },
};

const addressConfig: ChildConfig<Address> = { serdes: addressSerdes, subType: "AddressNormalisation" };

const catalogueConfig: ChildConfig<string> = {
  summaryGenerator: (catalogue) => JSON.stringify({ length: catalogue.length }),
};

const validationConfig: ChildConfig<string> = {
  errorMapper: (original: DurableOperationError) =>
    new ChildContextError(`validation failed: ${original.message}`, original),
};

export const handler = withDurableExecution(async (input: { street: string; city: string }, context) => {
  const address = await context.runInChildContext(
    "normalise-address",
    async (child) => {
      const street = await child.step(async () => input.street.trim());
      const city = await child.step(async () => input.city.toUpperCase());
      return { street, city };
    },
    addressConfig,
  );
  const catalogue = await context.runInChildContext(async (child) => {
    const entry = await child.step(async () => "sku-0001;");
    return entry.repeat(40_000);
  }, catalogueConfig);
  let validation: string;
  try {
    validation = await context.runInChildContext(
      "validate",
      async (child) =>
        child.step(
          async (): Promise<string> => {
            throw new Error("postcode missing");
          },
          { retryStrategy: retryPresets.noRetry },
        ),
      validationConfig,
    );
  } catch (error) {
    if (!(error instanceof ChildContextError)) throw error;
    validation = error.message;
  }
  await context.wait({ seconds: 1 });
  return { address, catalogueLength: catalogue.length, validation };
});
