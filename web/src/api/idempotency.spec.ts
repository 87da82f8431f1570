import { ApiError } from './errors';
import { IntentKey } from './idempotency';

describe('Idempotency-Key per intent', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('sends the same key again until the API has answered', () => {
    const intent = new IntentKey(counter());
    expect(intent.key()).toBe('key-1');
    expect(intent.key()).toBe('key-1'); // a second click while the first is on its way
    intent.settle(ApiError.network());
    expect(intent.key()).toBe('key-1'); // retried after the network failed
    intent.settle(new ApiError(503, 'server_error', 'indisponible'));
    expect(intent.key()).toBe('key-1');
  });

  it('starts a new intent once the API answered, success or refusal', () => {
    const intent = new IntentKey(counter());
    intent.key();
    intent.settle();
    expect(intent.key()).toBe('key-2');
    intent.settle(new ApiError(422, 'legal_monthly_cap', 'plafond dépassé'));
    expect(intent.key()).toBe('key-3');
  });
});
