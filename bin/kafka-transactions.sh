#!/usr/bin/env node
'use strict';
require('../dist/cli/launch').launch('kafka-transactions');
