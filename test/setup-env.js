// n8n-core 2.41 logs every node error to the console through its own logger (the tests assert
// on the errors instead): keep the test output readable.
process.env.N8N_LOG_LEVEL = 'silent';
