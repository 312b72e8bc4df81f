/**
 * Holds the offer catalogue in force and reads the file again on request (SIGHUP), so an admin's
 * edit applies without a deploy or a restart. A broken edit is refused with every problem logged,
 * and the previous catalogue keeps working: nothing is lost, and no offer is shown from a half-read file.
 */
import type { Logger } from 'pino';
import type { OfferCatalogue } from './offerCatalogue';
import { loadOfferCatalogue } from './offerCatalogueLoader';
import type { OfferCatalogueOptions } from './offerCatalogueLoader';

/** See the file header. */
export class OfferCatalogueReloader {
  private catalogue: OfferCatalogue;
  private readonly log: Logger;

  /** Reads the file once; throws an `OfferCatalogueError` when it cannot be used (start-up stops). */
  constructor(
    private readonly file: string,
    private readonly options: () => OfferCatalogueOptions,
    logger: Logger,
  ) {
    this.log = logger.child({ area: 'offers' });
    this.catalogue = loadOfferCatalogue(file, options());
  }

  /** The catalogue in force. */
  readonly current = (): OfferCatalogue => this.catalogue;

  /** Puts a catalogue already checked in force (a published version taken up). */
  use(catalogue: OfferCatalogue): void {
    this.catalogue = catalogue;
  }

  /**
   * Reads the file again into this instance only; true when the new catalogue is in force, false when
   * the old one stays. A running server publishes an edited file instead (SIGHUP), so that every
   * instance takes it up.
   */
  reload(): boolean {
    try {
      this.catalogue = loadOfferCatalogue(this.file, this.options());
      this.log.info({ offers: this.catalogue.offers.length }, 'offer catalogue reloaded');
      return true;
    } catch (error) {
      this.log.error({ err: error }, 'offer catalogue not reloaded: the previous one stays in force');
      return false;
    }
  }
}
