// The request id: logged with every line of a request (reqId) and sent back in this header.
export const REQUEST_ID_HEADER = 'x-request-id'
