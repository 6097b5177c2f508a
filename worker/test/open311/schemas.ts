import discovery from "./schemas/discovery.json";
import errors from "./schemas/errors.json";
import postRequestResponse from "./schemas/post-request-response.json";
import request from "./schemas/request.json";
import requests from "./schemas/requests.json";
import service from "./schemas/service.json";
import serviceDefinition from "./schemas/service-definition.json";
import servicerequestupdates from "./schemas/servicerequestupdates.json";
import services from "./schemas/services.json";
import { type JsonSchema, Validator } from "./validate";

/**
 * Every Open311 schema, by the file name the vendored ones `$ref` each other with
 * (sources in schemas/README.md).
 */
export const OPEN311_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  "request.json": request,
  "requests.json": requests,
  "service.json": service,
  "services.json": services,
  "service-definition.json": serviceDefinition,
  "discovery.json": discovery,
  "errors.json": errors,
  "post-request-response.json": postRequestResponse,
  "servicerequestupdates.json": servicerequestupdates,
};

/** One validator over all the Open311 schemas, for the endpoint's tests. */
export const open311Validator = new Validator(OPEN311_SCHEMAS);
