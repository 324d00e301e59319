<?xml version="1.0"?>
<TS version="2.1" language="en">
<context>
<name>Main</name>
<message>
<source>