/**
 * The bus carries published frames between the hub's topics and every other place that has
 * subscribers to them. The hub keeps its own connections; the bus only knows topics:
 *
 *   client ─publish─▶ hub ─publish(topic, frame)─▶ bus ─▶ every bus subscribed to topic
 *                                                        (this one included) ─▶ its hub
 *                                                        ─▶ local subscribers
 *
 * In one process the bus is a loop back to the hub (InProcessBus). With REDIS_URL (issue 8)
 * a Redis pub/sub bus takes its place, unchanged hub: `subscribe` becomes SUBSCRIBE, `publish`
 * becomes PUBLISH, and Redis echoes a frame to the instance that sent it as to any other.
 * Delivery may be asynchronous; the hub never assumes otherwise.
 */
export interface SignalBus {
  /** Sets where frames for subscribed topics go. Called once, by the hub, before anything else. */
  onFrame(deliver: (topic: string, frame: string) => void): void;
  /**
   * This instance now has subscribers to `topic` (called when the first one arrives).
   * Resolves once frames for it will be delivered; never rejects — a bus deals with its own
   * connection trouble (reconnect, resubscribe). The hub does not wait for it.
   */
  subscribe(topic: string): Promise<void>;
  /** This instance has no subscribers to `topic` left. Never rejects. */
  unsubscribe(topic: string): Promise<void>;
  /** Sends `frame` to every instance subscribed to `topic`, this one included. */
  publish(topic: string, frame: string): void;
  /** Stops delivering and lets go of any connection. */
  close(): Promise<void>;
}

/**
 * Several buses in one process that reach each other, as several server instances sharing one
 * Redis would. Tests use it to run two hubs as one; production uses a broker of one.
 */
export class InProcessBroker {
  readonly #buses = new Set<InProcessBus>();

  createBus(): SignalBus {
    const bus = new InProcessBus(this.#buses);
    this.#buses.add(bus);
    return bus;
  }
}

class InProcessBus implements SignalBus {
  readonly #topics = new Set<string>();
  #deliver: ((topic: string, frame: string) => void) | null = null;

  constructor(private readonly peers: Set<InProcessBus>) {}

  onFrame(deliver: (topic: string, frame: string) => void): void {
    this.#deliver = deliver;
  }

  subscribe(topic: string): Promise<void> {
    this.#topics.add(topic);
    return Promise.resolve();
  }

  unsubscribe(topic: string): Promise<void> {
    this.#topics.delete(topic);
    return Promise.resolve();
  }

  publish(topic: string, frame: string): void {
    for (const bus of this.peers) {
      if (bus.#topics.has(topic)) bus.#deliver?.(topic, frame);
    }
  }

  close(): Promise<void> {
    this.peers.delete(this);
    this.#topics.clear();
    this.#deliver = null;
    return Promise.resolve();
  }
}

/** The default bus: everything stays in this process. */
export function createInProcessBus(): SignalBus {
  return new InProcessBroker().createBus();
}
