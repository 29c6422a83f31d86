// Every shared schema: registered once with fastify.addSchema (plugins/app/shared-schemas.ts), used
// through ref() (`{ $ref: '<$id>' }`), and so one named component of the OpenAPI document each,
// under its $id. ErrorBody is not here: the error handler, which produces it, registers it.
import type { TSchema } from 'typebox'
import { ActiveModelSchema, HeadlineMetricsSchema, LoadFailureSchema, ModelListSchema, PinBodySchema, PinRecordSchema, PointerProblemSchema, VersionInfoSchema, VersionStatusSchema } from './models.js'
import { LiveSchema, ReadySchema } from './health.js'
import { BasketBodySchema, BasketRecommendationsSchema, ProductRecommendationsSchema, ProductRefSchema, RecommendationSchema } from './recommendations.js'
import { ProductDetailSchema, ProductMatchSchema, SearchResultSchema } from './products.js'
import {
  BatchCustomerSchema, BatchResultSchema, CustomerBatchSchema, CustomerSegmentSchema, CustomersCsvSchema, OneCustomerSchema, OneResultSchema,
  SegmentListSchema, SegmentSchema, SegmentSummarySchema
} from './segments.js'
import { CustomerRecommendationsSchema, CustomerSchema } from './customers.js'
import { AudienceCsvSchema, AudienceCustomerSchema, AudiencePageSchema, MoversPageSchema, SegmentTransitionsSchema } from './audiences.js'

export const SHARED_SCHEMAS: readonly TSchema[] = [
  // health
  LiveSchema, ReadySchema,
  // models
  HeadlineMetricsSchema, VersionStatusSchema, VersionInfoSchema, LoadFailureSchema, PinRecordSchema, PointerProblemSchema,
  ActiveModelSchema, ModelListSchema, PinBodySchema,
  // recommendations
  ProductRefSchema, RecommendationSchema, ProductRecommendationsSchema, BasketBodySchema, BasketRecommendationsSchema,
  // products
  ProductMatchSchema, SearchResultSchema, ProductDetailSchema,
  // segments
  OneCustomerSchema, BatchCustomerSchema, CustomerBatchSchema, CustomersCsvSchema, SegmentSummarySchema, OneResultSchema,
  CustomerSegmentSchema, BatchResultSchema, SegmentSchema, SegmentListSchema,
  // audiences and movements between versions
  AudienceCustomerSchema, AudiencePageSchema, AudienceCsvSchema, SegmentTransitionsSchema, MoversPageSchema,
  // customers
  CustomerSchema, CustomerRecommendationsSchema
]
